namespace HighPerf.Data.Arrow.Ipc;

/// <summary>Numbers of the IPC format: Message.fbs and Schema.fbs field ids, union tags and enum values.</summary>
internal static class IpcFormat
{
    public const uint Continuation = 0xFFFFFFFF;

    /// <summary>MetadataVersion.V5 (Arrow 1.0 and later); V4 reads the same for every type we support.</summary>
    public const short MetadataV5 = 4;
    public const short MetadataV4 = 3;

    // union MessageHeader
    public const byte HeaderSchema = 1;
    public const byte HeaderDictionaryBatch = 2;
    public const byte HeaderRecordBatch = 3;

    // table Message
    public const int MessageVersion = 0;
    public const int MessageHeaderType = 1;
    public const int MessageHeader = 2;
    public const int MessageBodyLength = 3;
    public const int MessageCustomMetadata = 4;

    // table Schema
    public const int SchemaEndianness = 0;
    public const int SchemaFields = 1;
    public const int SchemaCustomMetadata = 2;
    public const int SchemaFeatures = 3;

    // table Field
    public const int FieldName = 0;
    public const int FieldNullable = 1;
    public const int FieldTypeType = 2;
    public const int FieldType = 3;
    public const int FieldDictionary = 4;
    public const int FieldChildren = 5;
    public const int FieldCustomMetadata = 6;

    // table KeyValue
    public const int KeyValueKey = 0;
    public const int KeyValueValue = 1;

    // table RecordBatch
    public const int RecordBatchLength = 0;
    public const int RecordBatchNodes = 1;
    public const int RecordBatchBuffers = 2;
    public const int RecordBatchCompression = 3;
    public const int RecordBatchVariadicCounts = 4;

    // table BodyCompression
    public const int BodyCompressionCodec = 0;
    public const int BodyCompressionMethod = 1;
    public const byte CodecLz4Frame = 0;
    public const byte CodecZstd = 1;
    public const byte MethodBuffer = 0;

    // union Type
    public const byte TypeNull = 1;
    public const byte TypeInt = 2;
    public const byte TypeFloatingPoint = 3;
    public const byte TypeBinary = 4;
    public const byte TypeUtf8 = 5;
    public const byte TypeBool = 6;
    public const byte TypeDecimal = 7;
    public const byte TypeDate = 8;
    public const byte TypeTimestamp = 10;

    // table Int, FloatingPoint, Decimal, Date, Timestamp
    public const int IntBitWidth = 0;
    public const int IntIsSigned = 1;
    public const int FloatingPointPrecision = 0;
    public const short PrecisionSingle = 1;
    public const short PrecisionDouble = 2;
    public const int DecimalPrecision = 0;
    public const int DecimalScale = 1;
    public const int DecimalBitWidth = 2;
    public const int DateUnit = 0;
    public const short DateUnitDay = 0;
    public const short DateUnitMillisecond = 1;
    public const int TimestampUnit = 0;
    public const int TimestampTimeZone = 1;

    /// <summary>The length prefix of each compressed buffer that marks its bytes as stored uncompressed.</summary>
    public const long UncompressedMarker = -1;
}
