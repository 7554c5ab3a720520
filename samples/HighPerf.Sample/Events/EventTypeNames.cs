namespace HighPerf.Sample.Events;

/// <summary>The five event types of the data model, in funnel order; their index is the stage.</summary>
internal static class EventTypeNames
{
    internal const string PageView = "page_view";
    internal const string Signup = "signup";
    internal const string AddToCart = "add_to_cart";
    internal const string Checkout = "checkout";
    internal const string Purchase = "purchase";

    internal static readonly string[] All = [PageView, Signup, AddToCart, Checkout, Purchase];

    /// <summary>The UTF-8 names, for comparing JSON values without decoding them.</summary>
    internal static ReadOnlySpan<byte> Utf8(int index) => index switch
    {
        0 => "page_view"u8,
        1 => "signup"u8,
        2 => "add_to_cart"u8,
        3 => "checkout"u8,
        _ => "purchase"u8,
    };

    /// <summary>The stage of a type name given as UTF-8, or -1 when it is not one of the five.</summary>
    internal static int IndexOf(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < All.Length; i++)
        {
            if (utf8.SequenceEqual(Utf8(i)))
            {
                return i;
            }
        }

        return -1;
    }
}
