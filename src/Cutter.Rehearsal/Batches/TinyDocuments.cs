using System.Globalization;

namespace Cutter.Rehearsal.Batches;

/// <summary>
/// Small generated governance documents for batch tests and benchmarks: KB-(first+i), one chapter with two articles
/// (two clauses and a text), 6 units each, every one with its own document code and text so each payload sha differs.
/// </summary>
internal static class TinyDocuments
{
    /// <summary>Units each document cuts into.</summary>
    public const int Units = 6;

    /// <summary>Writes <paramref name="count"/> documents into <paramref name="kbRoot"/> and returns their KB ids, in order.</summary>
    public static IReadOnlyList<string> Write(string kbRoot, int count, int first = 4001)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var n = (first + i).ToString(CultureInfo.InvariantCulture);
            var kbId = "KB-" + n;
            File.WriteAllText(Path.Combine(kbRoot, kbId + ".md"), $"""
                ---
                id: {kbId}
                document_code: BATCH-DOC-{n}
                title: Batch document {n}
                kind: charter
                language: en
                ---

                # Batch document {n}

                ## Chapter 1. General

                #### Article 1. Scope

                1. This document {n} applies to every member.
                2. It takes effect on adoption.

                #### Article 2. Records

                The secretariat keeps the record of document {n}.

                """);
            ids.Add(kbId);
        }
        return ids;
    }
}
