using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cutter.Domain;

/// <summary>
/// Writes an enum as its <see cref="WireNames{TEnum}"/> name, as a value or as a dictionary key, and reads only those
/// names back: an unknown one fails with the value and the JSON path of the field it was found in.
/// </summary>
internal sealed class WireNameConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a {typeof(TEnum).Name} name as a string, found {reader.TokenType}");
        return ReadName(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(WireNames<TEnum>.Of(value));

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadName(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(WireNames<TEnum>.Of(value));

    // The serializer sets the exception's Path; the message carries the value, which the path alone would not.
    private static TEnum ReadName(string? text) =>
        WireNames<TEnum>.TryParse(text, out var value) ? value : throw new JsonException(WireNames<TEnum>.UnknownMessage(text));
}
