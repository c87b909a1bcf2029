namespace Cutter.Governance.Approvals;

/// <summary>The freshness rule shared by approvals and rulings: not dated ahead of now by more than the skew, not older than the limit.</summary>
internal static class ApprovalClock
{
    public static void CheckSignedTime(DateTimeOffset signedUtc, DateTimeOffset now, TimeSpan skew, TimeSpan maxAge)
    {
        if (signedUtc > now + skew)
        {
            throw new ApprovalFailure(ApprovalCheck.NotFutureDated,
                $"signed_utc {ApprovalDocument.FormatTimestamp(signedUtc)} is ahead of now ({ApprovalDocument.FormatTimestamp(now)}) by more than the {skew.TotalMinutes:0} min clock skew");
        }
        if (now - signedUtc > maxAge)
        {
            throw new ApprovalFailure(ApprovalCheck.NotExpired,
                $"signed_utc {ApprovalDocument.FormatTimestamp(signedUtc)} is older than {maxAge.TotalHours:0.##} h at {ApprovalDocument.FormatTimestamp(now)}");
        }
    }
}
