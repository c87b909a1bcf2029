using System.Text.Json.Serialization;

namespace Cutter.Verification;

/// <summary>What one verification check concluded. Serialized as <c>pass</c> / <c>fail</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckVerdict>))]
public enum CheckVerdict
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
}
