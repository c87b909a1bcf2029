using System.Diagnostics;
using Cutter.Infrastructure;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>A real ssh-agent on a private socket, started for one test (in the foreground, -D) and killed on dispose.</summary>
internal sealed class SshAgent : IDisposable
{
    private readonly Process _process;

    private SshAgent(Process process, string socket)
    {
        _process = process;
        Socket = socket;
    }

    public string Socket { get; }

    public static async Task<SshAgent> StartAsync(string directory)
    {
        var socket = Path.Combine(directory, "agent.sock");
        var start = new ProcessStartInfo("ssh-agent") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-a", socket }) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var agent = new SshAgent(process, socket);
        for (var i = 0; i < 100 && !File.Exists(socket); i++) await Task.Delay(50);
        Assert.True(File.Exists(socket), "ssh-agent did not create its socket");
        return agent;
    }

    public async Task AddAsync(string privateKeyPath)
    {
        var result = await ProcessRunner.RunAsync("ssh-add", ["-q", privateKeyPath], new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = Socket });
        Assert.True(result.Succeeded, result.StandardError);
    }

    public void Dispose()
    {
        try { _process.Kill(); _process.WaitForExit(); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
    }
}
