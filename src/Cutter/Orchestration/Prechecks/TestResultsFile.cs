using System.Xml;
using System.Xml.Linq;
using Cutter.Domain;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Reads a recorded test run, TRX or JUnit XML, told apart by the root element. TRX counts the <c>UnitTestResult</c>
/// elements directly under <c>Results</c> (a data-driven test's inner results belong to their parent) and only the
/// outcome <c>Passed</c> passes. JUnit counts every <c>testcase</c>; one holding <c>failure</c>, <c>error</c> or
/// <c>skipped</c> did not pass. A skipped test is not a passed one: the baseline is "passed in full".
/// </summary>
internal static class TestResultsFile
{
    public static TestRunSummary Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "test results file does not exist");
        XDocument document;
        try
        {
            // XDocument.Load's reader prohibits DTDs, so a results file cannot expand entities or reach the network.
            document = XDocument.Load(path);
        }
        catch (XmlException ex)
        {
            throw new InvalidInputException(path, $"is not well-formed XML: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read: {ex.Message}");
        }
        return Parse(document, path);
    }

    public static TestRunSummary Parse(XDocument document, string source)
    {
        var root = document.Root ?? throw new InvalidInputException(source, "has no root element");
        return root.Name.LocalName switch
        {
            "TestRun" => ParseTrx(root),
            "testsuites" or "testsuite" => ParseJUnit(root),
            _ => throw new InvalidInputException(source, $"root element <{root.Name.LocalName}> is neither TRX <TestRun> nor JUnit <testsuites>/<testsuite>"),
        };
    }

    private static TestRunSummary ParseTrx(XElement root)
    {
        var ns = root.Name.Namespace;
        var results = root.Elements(ns + "Results").Elements(ns + "UnitTestResult").ToArray();
        var notPassed = results
            .Where(r => !string.Equals((string?)r.Attribute("outcome"), "Passed", StringComparison.Ordinal))
            .Select(r => new TestOutcome((string?)r.Attribute("testName") ?? "(unnamed)", (string?)r.Attribute("outcome") ?? "(no outcome)"))
            .ToArray();
        return new TestRunSummary(TestResultsFormat.Trx, results.Length, results.Length - notPassed.Length, notPassed);
    }

    private static TestRunSummary ParseJUnit(XElement root)
    {
        var cases = root.DescendantsAndSelf().Where(e => e.Name.LocalName == "testcase").ToArray();
        var notPassed = new List<TestOutcome>();
        foreach (var testCase in cases)
        {
            var verdict = testCase.Elements().Select(e => e.Name.LocalName).FirstOrDefault(n => n is "failure" or "error" or "skipped");
            if (verdict is null) continue;
            var name = (string?)testCase.Attribute("name") ?? "(unnamed)";
            var className = (string?)testCase.Attribute("classname");
            notPassed.Add(new TestOutcome(string.IsNullOrEmpty(className) ? name : $"{className}.{name}", verdict));
        }
        return new TestRunSummary(TestResultsFormat.JUnit, cases.Length, cases.Length - notPassed.Count, notPassed);
    }
}
