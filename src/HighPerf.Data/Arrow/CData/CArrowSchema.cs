using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow;

/// <summary>
/// The C Data Interface's <c>struct ArrowSchema</c>, field for field: describes a type (and, for a struct
/// type, a record batch's schema). Allocate it where you like (stack, native heap); the producer fills it
/// and the consumer calls <see cref="Release"/> once when done.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CArrowSchema
{
    /// <summary>ARROW_FLAG_DICTIONARY_ORDERED.</summary>
    public const long FlagDictionaryOrdered = 1;

    /// <summary>ARROW_FLAG_NULLABLE.</summary>
    public const long FlagNullable = 2;

    /// <summary>ARROW_FLAG_MAP_KEYS_SORTED.</summary>
    public const long FlagMapKeysSorted = 4;

    /// <summary>The format string, NUL-terminated UTF-8 (e.g. <c>l</c>, <c>tsu:UTC</c>, <c>d:12,2</c>, <c>+s</c>).</summary>
    public byte* Format;

    /// <summary>The field name, NUL-terminated UTF-8, or null.</summary>
    public byte* Name;

    /// <summary>Key/value metadata in the interface's binary encoding, or null.</summary>
    public byte* Metadata;

    /// <summary>ARROW_FLAG_* bits.</summary>
    public long Flags;

    /// <summary>The number of children.</summary>
    public long NChildren;

    /// <summary>The children (<see cref="NChildren"/> pointers).</summary>
    public CArrowSchema** Children;

    /// <summary>The dictionary's value type, or null.</summary>
    public CArrowSchema* Dictionary;

    /// <summary>The producer's release callback; null once released.</summary>
    public delegate* unmanaged[Cdecl]<CArrowSchema*, void> Release;

    /// <summary>The producer's private data.</summary>
    public void* PrivateData;

    /// <summary>Whether the structure has been released (or was never filled).</summary>
    public readonly bool IsReleased => Release == null;

    /// <summary>Calls the release callback of <paramref name="schema"/> if it has not been released yet.</summary>
    /// <param name="schema">A base structure (never a child: the producer releases children).</param>
    public static void Free(CArrowSchema* schema)
    {
        if (schema != null && schema->Release != null)
        {
            schema->Release(schema);
        }
    }
}
