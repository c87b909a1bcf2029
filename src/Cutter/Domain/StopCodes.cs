namespace Cutter.Domain;

/// <summary>Append-only registry of STOP codes. Each one is documented in docs/stop-codes.md.</summary>
public static class StopCodes
{
    public static readonly StopCode PrecheckFailed = new("STOP_PRECHECK_FAILED", "a precheck did not pass", Terminal: false);
    public static readonly StopCode Drift = new("STOP_DRIFT", "live document counts differ from the pinned counts", Terminal: false);
    public static readonly StopCode InvariantFailed = new("STOP_INVARIANT_FAILED", "written rows break an invariant of the cut", Terminal: false);
    public static readonly StopCode CutPlanInvalid = new("STOP_CUT_PLAN_INVALID", "the source document cannot be cut into a valid candidate set", Terminal: false);
    public static readonly StopCode TargetNotEmpty = new("STOP_TARGET_NOT_EMPTY", "the target document already holds units in the store", Terminal: false);
    public static readonly StopCode DocumentLocked = new("STOP_DOCUMENT_LOCKED", "another run holds the document", Terminal: false);
    public static readonly StopCode GrantMatrixMismatch = new("STOP_GRANT_MATRIX_MISMATCH", "the lanes' grants differ from the pinned grant-matrix sha", Terminal: false);
    public static readonly StopCode BackupFailed = new("STOP_BACKUP_FAILED", "the backup could not be taken, encrypted or proven restorable", Terminal: false);
    public static readonly StopCode ExecutionFlagRefused = new("STOP_EXECUTION_FLAG_REFUSED", "the execution flag is off or held by another run", Terminal: false);
    public static readonly StopCode KbUploadFailed = new("STOP_KB_UPLOAD_FAILED", "a KB document could not be written after retries", Terminal: false);
    public static readonly StopCode TornWrite = new("STOP_TORN_WRITE", "the database and the run's state disagree", Terminal: false);
    public static readonly StopCode StateMismatch = new("STOP_STATE_MISMATCH", "state.json and the phase ledger disagree", Terminal: false);
    public static readonly StopCode ApprovalMissing = new("STOP_APPROVAL_MISSING", "the approval document does not exist", Terminal: false);
    public static readonly StopCode ApprovalUnsigned = new("STOP_APPROVAL_UNSIGNED", "the approval document has no signature", Terminal: false);
    public static readonly StopCode ApprovalUnknownSigner = new("STOP_APPROVAL_UNKNOWN_SIGNER", "the signer is not in allowed_signers", Terminal: false);
    public static readonly StopCode ApprovalBadSignature = new("STOP_APPROVAL_BAD_SIGNATURE", "the signature does not match the document bytes", Terminal: false);
    public static readonly StopCode ApprovalWrongGate = new("STOP_APPROVAL_WRONG_GATE", "the approval is for another gate", Terminal: false);
    public static readonly StopCode ApprovalWrongRun = new("STOP_APPROVAL_WRONG_RUN", "the approval is for another run", Terminal: false);
    public static readonly StopCode ApprovalWrongPayload = new("STOP_APPROVAL_WRONG_PAYLOAD", "the approval binds another payload sha", Terminal: false);
    public static readonly StopCode ApprovalExpired = new("STOP_APPROVAL_EXPIRED", "the approval was signed too long ago", Terminal: false);
    public static readonly StopCode ApprovalFutureDated = new("STOP_APPROVAL_FUTURE_DATED", "the approval is dated in the future", Terminal: false);
    public static readonly StopCode ApprovalReplayed = new("STOP_APPROVAL_REPLAYED", "the review decision id or the approval was already used", Terminal: false);
    public static readonly StopCode ApprovalNotExplicit = new("STOP_APPROVAL_NOT_EXPLICIT", "the approval's allowance is not 'explicit'", Terminal: false);
    public static readonly StopCode ApprovalMalformed = new("STOP_APPROVAL_MALFORMED", "the approval document cannot be read", Terminal: false);
    public static readonly StopCode RulingInvalid = new("STOP_RULING_INVALID", "the execution ruling is missing, invalid, for another run or expired", Terminal: false);
    public static readonly StopCode StoreContention = new("STOP_STORE_CONTENTION", "a phase transaction was aborted as a deadlock victim or serialization failure on every retry", Terminal: false);
    public static readonly StopCode SchemaMismatch = new("STOP_SCHEMA_MISMATCH", "the store's functions, triggers, policies, owners or grants differ from the pinned schema sha", Terminal: false);
    public static readonly StopCode HashFormMismatch = new("STOP_HASH_FORM_MISMATCH", "a recorded hash is in a form this Cutter does not compute, or two hashes of different forms were to be compared", Terminal: false);
    public static readonly StopCode FolderUnwritable = new("STOP_FOLDER_UNWRITABLE", "a sidecar, backup or lock folder is read-only, full or gone", Terminal: false);
    public static readonly StopCode StoreUnavailable = new("STOP_STORE_UNAVAILABLE", "the connection to the store's server was lost or refused in the middle of a run", Terminal: false);
    public static readonly StopCode EnactedStateDrift = new("STOP_ENACTED_STATE_DRIFT", "the document's enacted state changed after the amendment was planned", Terminal: false);
    public static readonly StopCode RevertNotLatest = new("STOP_REVERT_NOT_LATEST", "a later run of the same document still holds rows there; revert that one first", Terminal: false);

    public static IReadOnlyList<StopCode> All { get; } = typeof(StopCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(StopCode))
        .Select(f => (StopCode)f.GetValue(null)!)
        .ToArray();
}
