using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cutter.Domain.Hashing;

namespace Cutter.Store.Audit;

/// <summary>
/// The log's two hashes (migration 0010, docs/audit.md), recomputed in C#:
/// leaf = sha256:log-leaf-v1: hex(sha256(utf8("log-leaf-v1" TAB table TAB entry_seq TAB row_count LF + each row text + LF)));
/// root = sha256:log-root-v1: hex(sha256(utf8(previous root or "" TAB tree_size TAB leaf))).
/// </summary>
internal static class LogHashing
{
    public static readonly string LeafPrefix = HashForms.LogLeafV1.Tag + ":";
    public static readonly string RootPrefix = HashForms.LogRootV1.Tag + ":";

    /// <summary>A leaf hashed line by line, so an entry of a million rows is never held in memory.</summary>
    public sealed class Leaf : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public Leaf(string table, long entrySeq, long rowCount) =>
            Append(string.Create(CultureInfo.InvariantCulture, $"log-leaf-v1\t{table}\t{entrySeq}\t{rowCount}"));

        public void Append(string line)
        {
            _hash.AppendData(Encoding.UTF8.GetBytes(line));
            _hash.AppendData("\n"u8);
        }

        public string Finish() => LeafPrefix + Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }

    /// <summary>The leaf of rows kept as text (<c>row_images</c>: each line ends in LF).</summary>
    public static string LeafOfImages(string table, long entrySeq, long rowCount, string images)
    {
        using var leaf = new Leaf(table, entrySeq, rowCount);
        foreach (var line in ImageLines(images)) leaf.Append(line);
        return leaf.Finish();
    }

    public static IEnumerable<string> ImageLines(string images) =>
        images.Length == 0 ? [] : images.TrimEnd('\n').Split('\n');

    public static string Root(string? previousRoot, long treeSize, string leaf) =>
        RootPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{previousRoot ?? ""}\t{treeSize}\t{leaf}"))));
}
