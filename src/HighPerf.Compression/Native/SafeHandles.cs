using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>Owns a <c>ZSTD_CCtx*</c>.</summary>
internal sealed class SafeCCtxHandle : SafeHandle
{
    public SafeCCtxHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static SafeCCtxHandle Create()
    {
        var result = new SafeCCtxHandle();
        result.SetHandle(NativeMethods.CreateCCtx());
        return result.IsInvalid ? throw ZstdException.OutOfMemory("compression context") : result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeCCtx(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_DCtx*</c>.</summary>
internal sealed class SafeDCtxHandle : SafeHandle
{
    public SafeDCtxHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static SafeDCtxHandle Create()
    {
        var result = new SafeDCtxHandle();
        result.SetHandle(NativeMethods.CreateDCtx());
        return result.IsInvalid ? throw ZstdException.OutOfMemory("decompression context") : result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeDCtx(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_CDict*</c> (a digested dictionary for one compression level).</summary>
internal sealed class SafeCDictHandle : SafeHandle
{
    public SafeCDictHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static unsafe SafeCDictHandle Create(ReadOnlySpan<byte> dictionary, int level)
    {
        var result = new SafeCDictHandle();
        fixed (byte* p = dictionary)
        {
            result.SetHandle(NativeMethods.CreateCDict(p, (nuint)dictionary.Length, level));
        }

        return result.IsInvalid ? throw ZstdException.OutOfMemory("compression dictionary") : result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeCDict(handle);
        return true;
    }
}

/// <summary>Owns a <c>ZSTD_DDict*</c>.</summary>
internal sealed class SafeDDictHandle : SafeHandle
{
    public SafeDDictHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static unsafe SafeDDictHandle Create(ReadOnlySpan<byte> dictionary)
    {
        var result = new SafeDDictHandle();
        fixed (byte* p = dictionary)
        {
            result.SetHandle(NativeMethods.CreateDDict(p, (nuint)dictionary.Length));
        }

        return result.IsInvalid ? throw ZstdException.OutOfMemory("decompression dictionary") : result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeDDict(handle);
        return true;
    }
}
