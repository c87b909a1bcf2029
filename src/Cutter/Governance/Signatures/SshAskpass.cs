namespace Cutter.Governance.Signatures;

/// <summary>
/// A throwaway SSH_ASKPASS helper that hands ssh-keygen a passphrase without it ever being on a command line, in a
/// file or in a log: the script (mode 0700, in a private temp folder) holds no secret; it prints an environment
/// variable that only the ssh-keygen child and the script inherit. Deleted on dispose.
/// </summary>
internal sealed class SshAskpass : IDisposable
{
    /// <summary>The variable the helper prints; set only in the child's environment.</summary>
    internal const string PassphraseVariable = "CUTTER_ASKPASS_PASSPHRASE";

    // printf is a shell builtin, so the passphrase does not appear in any process's arguments either.
    private const string Script = "#!/bin/sh\nprintf '%s\\n' \"$" + PassphraseVariable + "\"\n";

    private readonly DirectoryInfo _folder;

    public SshAskpass()
    {
        _folder = Directory.CreateTempSubdirectory("cutter-askpass-");
        ScriptPath = Path.Combine(_folder.FullName, "askpass.sh");
        File.WriteAllText(ScriptPath, Script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    public string ScriptPath { get; }

    /// <summary>The child environment: ssh-keygen must ask the helper (never a terminal), and never an agent.</summary>
    public Dictionary<string, string?> Environment(string passphrase) => new()
    {
        ["SSH_ASKPASS"] = ScriptPath,
        ["SSH_ASKPASS_REQUIRE"] = "force",
        [PassphraseVariable] = passphrase,
        [SshKeygenSigningKey.AgentSocketVariable] = null,
    };

    public void Dispose() => _folder.Delete(recursive: true);
}
