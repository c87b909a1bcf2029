using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Store;

/// <summary>A lane's login. <see cref="ToString"/> never shows the password.</summary>
internal sealed record LaneCredentials(string User, string Password)
{
    public static LaneCredentials FromEnvironment(Lane lane, Func<string, string?> read)
    {
        var (userVar, passwordVar) = lane switch
        {
            Lane.Exec => (EnvironmentNames.ExecUser, EnvironmentNames.ExecPassword),
            Lane.Verify => (EnvironmentNames.VerifyUser, EnvironmentNames.VerifyPassword),
            _ => throw new ArgumentOutOfRangeException(nameof(lane)),
        };
        var user = read(userVar);
        var password = read(passwordVar);
        if (string.IsNullOrEmpty(user)) throw new InvalidInputException(userVar, "is not set");
        if (string.IsNullOrEmpty(password)) throw new InvalidInputException(passwordVar, "is not set");
        return new LaneCredentials(user, password);
    }

    public override string ToString() => $"{User} (password hidden)";
}
