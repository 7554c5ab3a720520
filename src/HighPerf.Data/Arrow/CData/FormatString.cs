using System.Globalization;

namespace HighPerf.Data.Arrow.CData;

/// <summary>The C Data Interface's format strings for the types we support (CDataInterface.rst, "format strings").</summary>
internal static class FormatString
{
    public const string Struct = "+s";

    public static string Of(ArrowType type) => type.Id switch
    {
        ArrowTypeId.Null => "n",
        ArrowTypeId.Boolean => "b",
        ArrowTypeId.Int8 => "c",
        ArrowTypeId.UInt8 => "C",
        ArrowTypeId.Int16 => "s",
        ArrowTypeId.UInt16 => "S",
        ArrowTypeId.Int32 => "i",
        ArrowTypeId.UInt32 => "I",
        ArrowTypeId.Int64 => "l",
        ArrowTypeId.UInt64 => "L",
        ArrowTypeId.Float32 => "f",
        ArrowTypeId.Float64 => "g",
        ArrowTypeId.Binary => "z",
        ArrowTypeId.Utf8 => "u",
        ArrowTypeId.Date32 => "tdD",
        ArrowTypeId.Decimal128 => string.Create(CultureInfo.InvariantCulture, $"d:{type.Precision},{type.Scale}"),

        // The colon stays even without a time zone (note 1 of the format table).
        ArrowTypeId.Timestamp => "ts" + UnitLetter(type.TimeUnit) + ":" + type.TimeZone,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Arrow type."),
    };

    /// <summary>The type a format string describes; throws <see cref="ArrowFormatException"/> for one we do not support.</summary>
    public static ArrowType Parse(string format)
    {
        switch (format)
        {
            case "n": return ArrowType.Null;
            case "b": return ArrowType.Boolean;
            case "c": return ArrowType.Int8;
            case "C": return ArrowType.UInt8;
            case "s": return ArrowType.Int16;
            case "S": return ArrowType.UInt16;
            case "i": return ArrowType.Int32;
            case "I": return ArrowType.UInt32;
            case "l": return ArrowType.Int64;
            case "L": return ArrowType.UInt64;
            case "f": return ArrowType.Float32;
            case "g": return ArrowType.Float64;
            case "z": return ArrowType.Binary;
            case "u": return ArrowType.Utf8;
            case "tdD": return ArrowType.Date32;
        }

        if (format.Length >= 4 && format.StartsWith("ts", StringComparison.Ordinal) && format[3] == ':')
        {
            var unit = format[2] switch
            {
                's' => ArrowTimeUnit.Second,
                'm' => ArrowTimeUnit.Millisecond,
                'u' => ArrowTimeUnit.Microsecond,
                'n' => ArrowTimeUnit.Nanosecond,
                _ => (ArrowTimeUnit)(-1),
            };
            if (unit >= 0)
            {
                return ArrowType.Timestamp(unit, format.Length > 4 ? format[4..] : null);
            }
        }

        if (format.StartsWith("d:", StringComparison.Ordinal))
        {
            var parts = format[2..].Split(',');
            if (parts.Length is 2 or 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scale))
            {
                if (parts.Length == 3 && parts[2] != "128")
                {
                    ArrowFormatException.ThrowUnsupportedType($"decimal of {parts[2]} bits (format '{format}')");
                }

                if (precision is < 1 or > 38 || scale < 0 || scale > precision)
                {
                    ArrowFormatException.ThrowUnsupportedType($"decimal128 with precision {precision} and scale {scale} (format '{format}')");
                }

                return ArrowType.Decimal128(precision, scale);
            }

            ArrowFormatException.ThrowInvalid($"the decimal format string '{format}' is malformed.");
        }

        ArrowFormatException.ThrowUnsupportedType($"with format string '{format}'");
        return null;
    }

    private static char UnitLetter(ArrowTimeUnit unit) => unit switch
    {
        ArrowTimeUnit.Second => 's',
        ArrowTimeUnit.Millisecond => 'm',
        ArrowTimeUnit.Microsecond => 'u',
        _ => 'n',
    };
}
