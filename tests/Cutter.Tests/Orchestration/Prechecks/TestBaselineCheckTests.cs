using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class TestBaselineCheckTests
{
    private static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", "Prechecks", name);

    private static Task<PrecheckResult> RunAsync(string file, int minimum) =>
        new TestBaselineCheck().RunAsync(
            PrecheckContexts.For(new OrchestratorSettings { TestBaselineFile = file, TestBaselineMin = minimum }),
            CancellationToken.None);

    [Fact]
    public async Task Trx_with_every_test_passed_and_enough_tests_passes()
    {
        var file = Corpus("small-passed.trx");

        var result = await RunAsync(file, 3);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal($"3/3 passed (Trx {file}; baseline 3)", result.Reason);
    }

    [Fact]
    public async Task Trx_written_by_a_real_dotnet_test_run_is_read()
    {
        var summary = TestResultsFile.Read(Corpus("dotnet-test-9-passed.trx"));

        Assert.Equal(new TestRunSummary(TestResultsFormat.Trx, 9, 9, summary.NotPassed), summary);
        Assert.Empty(summary.NotPassed);
        Assert.Equal(PrecheckVerdict.Passed, (await RunAsync(Corpus("dotnet-test-9-passed.trx"), 9)).Verdict);
    }

    [Fact]
    public async Task JUnit_with_every_test_passed_passes()
    {
        var file = Corpus("junit-passed.xml");

        var result = await RunAsync(file, 4);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal($"4/4 passed (JUnit {file}; baseline 4)", result.Reason);
    }

    [Fact]
    public async Task Trx_with_failed_and_not_executed_tests_fails_naming_them()
    {
        var result = await RunAsync(Corpus("some-not-passed.trx"), 4);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("2 of 4 test(s) did not pass: Store.Grant_matrix_is_stable (Failed), Cutting.Units_have_addresses (NotExecuted)", result.Reason);
        Assert.Equal(["Store.Grant_matrix_is_stable (Failed)", "Cutting.Units_have_addresses (NotExecuted)"], result.Details);
    }

    [Fact]
    public async Task JUnit_failure_error_and_skipped_all_fail()
    {
        var result = await RunAsync(Corpus("junit-not-passed.xml"), 4);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("3 of 4 test(s) did not pass: Store.Grant_matrix_is_stable (failure), Store.Backup_restores (error), Cutting.Units_have_addresses (skipped)", result.Reason);
    }

    [Fact]
    public async Task Fewer_tests_than_the_baseline_fails_even_when_all_passed()
    {
        var result = await RunAsync(Corpus("small-passed.trx"), 366);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("3 test(s) recorded, fewer than test_baseline_min 366", result.Reason);
    }

    [Fact]
    public async Task Red_and_short_run_reports_both_problems()
    {
        var result = await RunAsync(Corpus("some-not-passed.trx"), 366);

        Assert.Equal("2 of 4 test(s) did not pass: Store.Grant_matrix_is_stable (Failed), Cutting.Units_have_addresses (NotExecuted); 4 test(s) recorded, fewer than test_baseline_min 366", result.Reason);
    }

    [Fact]
    public async Task Missing_file_fails_naming_it()
    {
        var file = Corpus("absent.trx");

        var result = await RunAsync(file, 1);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal($"{file}: test results file does not exist", result.Reason);
    }

    [Fact]
    public async Task Truncated_file_fails_as_malformed_xml()
    {
        var file = Corpus("truncated.trx");

        var result = await RunAsync(file, 1);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.StartsWith($"{file}: is not well-formed XML: Unexpected end of file", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_that_is_not_test_results_fails_naming_its_root()
    {
        var file = Corpus("not-test-results.xml");

        var result = await RunAsync(file, 1);

        Assert.Equal($"{file}: root element <html> is neither TRX <TestRun> nor JUnit <testsuites>/<testsuite>", result.Reason);
    }

    [Theory]
    [InlineData("", 366, "orchestrator.test_baseline_file is not set")]
    [InlineData("results.trx", 0, "orchestrator.test_baseline_min must be at least 1")]
    public async Task Unconfigured_baseline_fails(string file, int minimum, string expected)
    {
        var result = await RunAsync(file, minimum);

        Assert.Equal(PrecheckResult.Fail(TestBaselineCheck.CheckName, expected), result);
    }
}
