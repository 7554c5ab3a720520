// The apache-arrow npm package as a peer for HighPerf.Data's Arrow IPC tests.
//
//   node peer.mjs read [file|-]            an IPC stream in, canonical JSON of schema and values out
//   node peer.mjs write [file|-] [--zstd]  canonical JSON in, an IPC stream out (ZSTD bodies with --zstd)
//   node peer.mjs write [file|-] --zstd-as-is  the same, without correcting apache-arrow's length prefixes
//
// Canonical JSON: {"schema": {"metadata": [[k, v]...], "fields": [{"name", "type", "nullable", "metadata"}]},
// "batches": [{"length": n, "columns": [[value...]...]}]}. "type" is the C Data Interface format string
// (l, tsu:UTC, d:12,2...). Values: null; booleans; 8- to 32-bit integers and date32 days as numbers;
// 64-bit integers and timestamps (in their unit) as decimal strings; floats as strings ("NaN", "-0",
// "Infinity"); decimals as strings with exactly `scale` digits after the point; binary as hex.
//
// ZSTD: apache-arrow has no codec of its own but lets one be registered; Node 20 has no zstd, so the
// codec runs the reference `zstd` command-line tool, one frame per buffer.
//
// apache-arrow 21.2.0 writes the *compressed* length in the 8-byte prefix of each compressed buffer, where
// the format (Columnar.rst, "Compression"; Message.fbs, BodyCompressionMethod.BUFFER) requires the
// uncompressed length; its own reader ignores the prefix, so JS-to-JS round trips hide it, but PyArrow
// and Arrow C++ reject such streams. Fixed upstream in apache/arrow-js pull request 470 ("body prefix must
// be uncompressed length"), not yet in a release. With --zstd this program rewrites each prefix to the
// length its frame decompresses to, leaving every other byte as apache-arrow wrote it; --zstd-as-is
// keeps its output untouched.
import { readFileSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import {
  RecordBatchReader, RecordBatchStreamWriter, RecordBatch, Schema, Field, Struct, makeData,
  Null, Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64, Float32, Float64,
  Utf8, Binary, DateDay, Timestamp, Decimal, TimeUnit, Type, DateUnit, Precision,
  compressionRegistry, CompressionType, Message, MessageHeader,
} from 'apache-arrow';

compressionRegistry.set(CompressionType.ZSTD, {
  encode: (bytes) => new Uint8Array(execFileSync('zstd', ['-q', '-c', '-1', '--no-check'], { input: bytes, maxBuffer: 1 << 30 })),
  decode: (bytes) => new Uint8Array(execFileSync('zstd', ['-q', '-d', '-c'], { input: bytes, maxBuffer: 1 << 30 })),
});

const [command, path = '-', ...flags] = process.argv.slice(2);
const input = () => readFileSync(path === '-' ? 0 : path);

if (command === 'read') {
  const out = read(input());
  writeAll(Buffer.from(JSON.stringify(out)));
} else if (command === 'write') {
  const zstd = flags.includes('--zstd') || flags.includes('--zstd-as-is');
  let bytes = write(JSON.parse(input().toString('utf8')), zstd);
  if (flags.includes('--zstd')) bytes = fixCompressedPrefixes(bytes);
  writeAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
} else {
  process.stderr.write('usage: node peer.mjs read|write [file|-] [--zstd]\n');
  process.exit(2);
}

function writeAll(buffer) {
  let at = 0;
  while (at < buffer.length) {
    at += writeSync(1, buffer, at, buffer.length - at);
  }
}

// ---------------------------------------------------------------- reading

function read(bytes) {
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  const batches = [];
  let schema = reader.schema;
  for (const batch of reader) {
    // A stream without batches yields one empty placeholder batch; it is not in the stream.
    if (batch.constructor.name === '_InternalEmptyPlaceholderRecordBatch') continue;
    schema = batch.schema;
    const columns = batch.schema.fields.map((field, c) => column(field.type, batch.getChildAt(c)));
    batches.push({ length: batch.numRows, columns });
  }
  return { schema: describeSchema(schema), batches };
}

function describeSchema(schema) {
  return {
    metadata: [...(schema?.metadata ?? new Map()).entries()],
    fields: (schema?.fields ?? []).map((f) => ({
      name: f.name, type: format(f.type), nullable: f.nullable, metadata: [...f.metadata.entries()],
    })),
  };
}

function format(type) {
  switch (type.typeId) {
    case Type.Null: return 'n';
    case Type.Bool: return 'b';
    case Type.Int: return ({ 8: 'c', 16: 's', 32: 'i', 64: 'l' })[type.bitWidth][type.isSigned ? 'toString' : 'toUpperCase']();
    case Type.Float: return type.precision === Precision.SINGLE ? 'f' : type.precision === Precision.DOUBLE ? 'g' : 'e';
    case Type.Utf8: return 'u';
    case Type.Binary: return 'z';
    case Type.Date: return type.unit === DateUnit.DAY ? 'tdD' : 'tdm';
    case Type.Timestamp: return 'ts' + 'smun'[type.unit] + ':' + (type.timezone ?? '');
    case Type.Decimal: return `d:${type.precision},${type.scale}` + (type.bitWidth === 128 ? '' : `,${type.bitWidth}`);
    default: throw new Error(`unsupported type ${type}`);
  }
}

function column(type, vector) {
  const values = [];
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) {
      values.push(type.typeId === Type.Null || !data.getValid(i) ? null : value(type, data, vector, values.length, i));
    }
  }
  return values;
}

function value(type, data, vector, index, i) {
  switch (type.typeId) {
    case Type.Bool:
    case Type.Utf8:
      return vector.get(index);
    case Type.Binary:
      return Buffer.from(vector.get(index)).toString('hex');
    case Type.Int:
      return type.bitWidth === 64 ? String(data.values[i]) : data.values[i];
    case Type.Float:
      return floatText(data.values[i]);
    case Type.Date:
      return data.values[i];
    case Type.Timestamp:
      return String(BigInt.asIntN(64, BigInt(data.values[i])));
    case Type.Decimal:
      return decimalText(data.values, i, type.scale);
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function floatText(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}

function decimalText(words, i, scale) {
  let unscaled = 0n;
  for (let w = 3; w >= 0; w--) {
    unscaled = (unscaled << 32n) | BigInt(words[4 * i + w] >>> 0);
  }
  unscaled = BigInt.asIntN(128, unscaled);
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return (negative ? '-' : '') + digits;
}

// ---------------------------------------------------------------- writing

function write(json, zstd) {
  const fields = json.schema.fields.map((f) => new Field(f.name, parseType(f.type), f.nullable, new Map(f.metadata)));
  const schema = new Schema(fields, new Map(json.schema.metadata));
  const writer = new RecordBatchStreamWriter(zstd ? { compressionType: CompressionType.ZSTD } : {});
  writer.reset(undefined, schema);
  for (const batch of json.batches) {
    const children = fields.map((f, c) => makeColumn(f.type, batch.columns[c], batch.length));
    const data = makeData({ type: new Struct(fields), length: batch.length, nullCount: 0, children });
    writer.write(new RecordBatch(schema, data));
  }
  writer.finish();
  return writer.toUint8Array(true);
}

function parseType(text) {
  const simple = {
    n: () => new Null(), b: () => new Bool(), c: () => new Int8(), C: () => new Uint8(), s: () => new Int16(),
    S: () => new Uint16(), i: () => new Int32(), I: () => new Uint32(), l: () => new Int64(), L: () => new Uint64(),
    f: () => new Float32(), g: () => new Float64(), u: () => new Utf8(), z: () => new Binary(), tdD: () => new DateDay(),
  }[text];
  if (simple) return simple();
  if (text.startsWith('ts')) {
    const unit = { s: TimeUnit.SECOND, m: TimeUnit.MILLISECOND, u: TimeUnit.MICROSECOND, n: TimeUnit.NANOSECOND }[text[2]];
    const zone = text.slice(4);
    return new Timestamp(unit, zone === '' ? null : zone);
  }
  if (text.startsWith('d:')) {
    const [precision, scale] = text.slice(2).split(',').map(Number);
    return new Decimal(scale, precision, 128);
  }
  throw new Error(`unsupported format ${text}`);
}

function makeColumn(type, values, length) {
  if (type.typeId === Type.Null) {
    return makeData({ type, length });
  }
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else nullBitmap[i >> 3] |= 1 << (i & 7);
  });
  const common = { type, length, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : undefined };
  switch (type.typeId) {
    case Type.Bool: {
      const data = new Uint8Array((length + 7) >> 3);
      values.forEach((v, i) => { if (v) data[i >> 3] |= 1 << (i & 7); });
      return makeData({ ...common, data });
    }
    case Type.Utf8:
    case Type.Binary: {
      const parts = values.map((v) => v === null ? new Uint8Array(0)
        : type.typeId === Type.Utf8 ? new TextEncoder().encode(v) : Uint8Array.from(Buffer.from(v, 'hex')));
      const valueOffsets = new Int32Array(length + 1);
      parts.forEach((p, i) => { valueOffsets[i + 1] = valueOffsets[i] + p.length; });
      const data = new Uint8Array(valueOffsets[length]);
      parts.forEach((p, i) => data.set(p, valueOffsets[i]));
      return makeData({ ...common, valueOffsets, data });
    }
    case Type.Int: {
      const Array = { 8: [Int8Array, Uint8Array], 16: [Int16Array, Uint16Array], 32: [Int32Array, Uint32Array], 64: [BigInt64Array, BigUint64Array] }[type.bitWidth][type.isSigned ? 0 : 1];
      const data = new Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = type.bitWidth === 64 ? BigInt(v) : v; });
      return makeData({ ...common, data });
    }
    case Type.Float: {
      const data = new (type.precision === Precision.SINGLE ? Float32Array : Float64Array)(length);
      values.forEach((v, i) => { if (v !== null) data[i] = Number(v); });
      return makeData({ ...common, data });
    }
    case Type.Date: {
      const data = new Int32Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = v; });
      return makeData({ ...common, data });
    }
    case Type.Timestamp: {
      const data = new BigInt64Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = BigInt(v); });
      return makeData({ ...common, data });
    }
    case Type.Decimal: {
      const data = new Uint32Array(4 * length);
      values.forEach((v, i) => {
        if (v === null) return;
        let unscaled = BigInt.asUintN(128, BigInt(v.replace('.', '')));
        for (let w = 0; w < 4; w++) {
          data[4 * i + w] = Number(unscaled & 0xFFFFFFFFn);
          unscaled >>= 32n;
        }
      });
      return makeData({ ...common, data });
    }
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

// Walks the encapsulated messages and sets each compressed buffer's prefix to its uncompressed length.
function fixCompressedPrefixes(bytes) {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  let at = 0;
  while (at + 8 <= out.length) {
    const metadataLength = view.getInt32(at + 4, true);
    if (metadataLength === 0) break;
    const message = Message.decode(out.subarray(at + 8, at + 8 + metadataLength));
    const body = at + 8 + metadataLength;
    if (message.headerType === MessageHeader.RecordBatch && message.header().compression != null) {
      for (const { offset, length } of message.header().buffers) {
        if (length === 0) continue;
        const start = body + Number(offset);
        if (view.getBigInt64(start, true) === -1n) continue;
        const frame = out.subarray(start + 8, start + Number(length));
        const uncompressed = compressionRegistry.get(CompressionType.ZSTD).decode(frame).length;
        view.setBigInt64(start, BigInt(uncompressed), true);
      }
    }
    at = body + Number(message.bodyLength);
  }
  return out;
}
