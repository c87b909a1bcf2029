using System.Security.Cryptography;
using System.Text;

namespace Cutter.Store;

/// <summary>
/// A SCRAM-SHA-256 password verifier computed on the client (RFC 5802, RFC 7677), in the form PostgreSQL stores in
/// pg_authid: <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c> (base64). Given to
/// <c>ALTER ROLE ... PASSWORD</c>, the server stores it as is, so the plaintext password never reaches the server (nor
/// any log line it writes).
/// </summary>
internal static class ScramVerifier
{
    public const string Prefix = "SCRAM-SHA-256$";

    /// <summary>PostgreSQL's default <c>scram_iterations</c>.</summary>
    public const int Iterations = 4096;

    public static string Compute(string password, byte[]? salt = null, int iterations = Iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        salt ??= RandomNumberGenerator.GetBytes(16);
        // PostgreSQL SASLprep-normalizes the password (NFKC, RFC 4013) when it can; an ASCII password is its own normal form.
        var normalized = password.All(char.IsAscii) ? password : password.Normalize(NormalizationForm.FormKC);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(normalized), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"{Prefix}{iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
