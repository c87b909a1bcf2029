using Cutter.Domain;

namespace Cutter.Verification;

/// <summary>Part of the store a check needs could not be read (a dropped table, a revoked grant): the check fails, naming it.</summary>
internal sealed class StoreUnreadableException(string message) : CutterException(message);
