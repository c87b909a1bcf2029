using System.Globalization;
using System.Text;
using Npgsql;

namespace Cutter.Store.Audit;

/// <summary>
/// The canonical row text of the log (log-leaf-v1, and chain-v1 without its chain_seq), computed here from raw column
/// values so the verifier never trusts a function the store's owner could replace: fields tab-separated, NULL as
/// <c>\N</c>, text with backslash, tab, newline and carriage return escaped, timestamps as UTC
/// <c>YYYY-MM-DDTHH:MI:SS.ffffffZ</c>, numbers and uuids in PostgreSQL's text form.
/// </summary>
internal static class LogText
{
    public static string Field(object? value) => value switch
    {
        null or DBNull => "\\N",
        string text => Escape(text),
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        long or int or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new InvalidOperationException($"no log-leaf-v1 text form for a {value.GetType().Name}"),
    };

    /// <summary>The row text of the reader's fields <paramref name="from"/> to the last, in order.</summary>
    public static string Row(NpgsqlDataReader reader, int from)
    {
        var text = new StringBuilder();
        for (var i = from; i < reader.FieldCount; i++)
        {
            if (i > from) text.Append('\t');
            text.Append(Field(reader.GetValue(i)));
        }
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
