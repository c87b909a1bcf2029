using Cutter.Domain;

namespace Cutter.Verification;

/// <summary>Verification was handed a connection that can write: it runs on the read-only cutter_verify lane only.</summary>
internal sealed class ReadOnlyLaneRequiredException(string user)
    : CutterException($"verification connects only through the read-only cutter_verify lane, but user '{user}' can write to the Cutter tables (or is a superuser); check DOT_CUTTER_VERIFY_DB_USER")
{
    public string User { get; } = user;
}
