using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>What every libzstd object handle shares: null is invalid, and a null from a create call means out of memory.</summary>
internal abstract class ZstdHandle : SafeHandle
{
    protected ZstdHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected static T Own<T>(T owner, IntPtr created, string what)
        where T : ZstdHandle
    {
        owner.SetHandle(created);
        return owner.IsInvalid ? throw ZstdException.OutOfMemory(what) : owner;
    }
}

/// <summary>Owns a <c>ZSTD_CCtx*</c>.</summary>
internal sealed class SafeCCtxHandle : ZstdHandle
{
    internal static SafeCCtxHandle Create() => Own(new SafeCCtxHandle(), NativeMethods.CreateCCtx(), "compression context");

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeCCtx(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_DCtx*</c>.</summary>
internal sealed class SafeDCtxHandle : ZstdHandle
{
    internal static SafeDCtxHandle Create() => Own(new SafeDCtxHandle(), NativeMethods.CreateDCtx(), "decompression context");

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeDCtx(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_CDict*</c> (a digested dictionary for one compression level).</summary>
internal sealed class SafeCDictHandle : ZstdHandle
{
    internal static unsafe SafeCDictHandle Create(ReadOnlySpan<byte> dictionary, int level)
    {
        fixed (byte* p = dictionary)
        {
            return Own(new SafeCDictHandle(), NativeMethods.CreateCDict(p, (nuint)dictionary.Length, level), "compression dictionary");
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeCDict(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_DDict*</c>.</summary>
internal sealed class SafeDDictHandle : ZstdHandle
{
    internal static unsafe SafeDDictHandle Create(ReadOnlySpan<byte> dictionary)
    {
        fixed (byte* p = dictionary)
        {
            return Own(new SafeDDictHandle(), NativeMethods.CreateDDict(p, (nuint)dictionary.Length), "decompression dictionary");
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeDDict(handle);
        return true;
    }
}
