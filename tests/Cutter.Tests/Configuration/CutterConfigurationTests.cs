using System.Security.Cryptography;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Tests.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Configuration;

public sealed class CutterConfigurationTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _dir.Dispose();

    private string? Env(string name) => _environment.TryGetValue(name, out var value) ? value : null;

    private const string ConfigJson = """
        {
          "orchestrator": {
            "expected_host": "runner-7",
            "required_paths": [ "/opt/cutter", "/var/lib/cutter" ],
            "test_baseline_min": 366,
            "pinned_counts": { "ICX-CONST": 60, "ICX-CHARTER": 12 },
            "precheck_waivers": { "install_paths": "first install" }
          }
        }
        """;

    private string EnvFileWith(string text, UnixFileMode mode)
    {
        var path = _dir.File("cutter.envfile", text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void Config_from_the_option_binds_the_orchestrator_section()
    {
        var file = _dir.File("site.json", ConfigJson);

        var configuration = CutterConfiguration.Load(file, Env);

        var settings = configuration.Orchestrator;
        Assert.Equal(file, configuration.ConfigFile);
        Assert.Equal("runner-7", settings.ExpectedHost);
        Assert.Equal(["/opt/cutter", "/var/lib/cutter"], settings.RequiredPaths);
        Assert.Equal(366, settings.TestBaselineMin);
        Assert.Equal(new Dictionary<string, long> { ["ICX-CONST"] = 60, ["ICX-CHARTER"] = 12 }, settings.PinnedCounts);
        Assert.Equal("first install", settings.PrecheckWaivers["install_paths"]);
        Assert.Null(configuration.EnvFilePath);
    }

    [Fact]
    public void Config_path_comes_from_CUTTER_CONFIG_then_the_working_directory()
    {
        var named = _dir.File("named.json", """{ "orchestrator": { "expected_host": "named" } }""");
        _dir.File("cutter.json", """{ "orchestrator": { "expected_host": "default" } }""");

        _environment[EnvironmentNames.ConfigFile] = named;
        Assert.Equal("named", CutterConfiguration.Load(null, Env, _dir.Path).Orchestrator.ExpectedHost);
        _environment.Remove(EnvironmentNames.ConfigFile);
        Assert.Equal("default", CutterConfiguration.Load(null, Env, _dir.Path).Orchestrator.ExpectedHost);
    }

    [Fact]
    public void Missing_config_file_is_a_clear_error_naming_the_path()
    {
        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(null, Env, _dir.Path));

        Assert.Equal($"{_dir.Path}/cutter.json: configuration file does not exist (give --config FILE or set CUTTER_CONFIG)", error.Message);
    }

    [Fact]
    public void Malformed_json_is_a_clear_error_naming_the_path()
    {
        var file = _dir.File("broken.json", "{ \"orchestrator\": ");

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal(file, error.Input);
        Assert.StartsWith("configuration cannot be read: ", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_line_and_column()
    {
        var file = _dir.File("broken.json", "{\n  \"orchestrator\": {\n    \"kb_root\": \"/srv/kb\"\n    \"expected_host\": \"runner-7\"\n  }\n}\n");

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal(file, error.Input);
        Assert.StartsWith("configuration cannot be read: line 4, column 5: malformed JSON: ", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_key_is_refused_at_load_with_its_position_and_the_nearest_key()
    {
        var file = _dir.File("typo.json", "{\n  \"orchestrator\": {\n    \"expected_host\": \"runner-7\",\n    \"sidcar_root\": \"/srv/runs\"\n  }\n}\n");

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal($"{file}: line 4, column 5: unknown configuration key 'orchestrator.sidcar_root' (did you mean 'sidecar_root'?)", error.Message);
    }

    [Fact]
    public void An_unknown_section_is_refused_naming_the_known_one()
    {
        var file = _dir.File("section.json", "{ \"orchestrater\": { } }");

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal($"{file}: line 1, column 3: unknown configuration key 'orchestrater' (did you mean 'orchestrator'?)", error.Message);
    }

    [Fact]
    public void Keys_match_ignoring_case_as_the_binder_does_and_free_maps_are_not_checked()
    {
        var file = _dir.File("case.json", "{ \"Orchestrator\": { \"Expected_Host\": \"runner-7\", \"pinned_counts\": { \"ICX-ANY\": 1 } } }");

        Assert.Equal("runner-7", CutterConfiguration.Load(file, Env).Orchestrator.ExpectedHost);
    }

    [Fact]
    public void Env_file_fills_variables_the_process_environment_lacks()
    {
        var file = _dir.File("site.json", ConfigJson);
        var fromFile = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var fromProcess = RandomNumberGenerator.GetHexString(32, lowercase: true);
        _environment[EnvironmentNames.EnvFile] = EnvFileWith(
            $"# lane secrets\nexport {EnvironmentNames.VerifyPassword}=\"{fromFile}\"\n{EnvironmentNames.ExecPassword}={fromFile}\n\n{EnvironmentNames.DbHost} = db.internal\n",
            OwnerOnly);
        _environment[EnvironmentNames.ExecPassword] = fromProcess;

        var configuration = CutterConfiguration.Load(file, Env);

        Assert.Equal(fromFile, configuration.ReadEnvironment(EnvironmentNames.VerifyPassword));
        Assert.Equal(fromProcess, configuration.ReadEnvironment(EnvironmentNames.ExecPassword));
        Assert.Equal("db.internal", configuration.ReadEnvironment(EnvironmentNames.DbHost));
        Assert.Null(configuration.ReadEnvironment(EnvironmentNames.KbApiKey));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.OtherRead, "0604")]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    public void Env_file_readable_by_group_or_others_is_refused_naming_file_and_mode(UnixFileMode extra, string octal)
    {
        var file = _dir.File("site.json", ConfigJson);
        var envFile = EnvFileWith($"{EnvironmentNames.DbHost}=db.internal\n", OwnerOnly | extra);
        _environment[EnvironmentNames.EnvFile] = envFile;

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal($"{envFile}: env file mode {octal} lets group or others read or write it; refused (run chmod 600 {envFile})", error.Message);
    }

    [Fact]
    public void Env_file_line_that_is_not_a_pair_is_refused_without_echoing_it()
    {
        var file = _dir.File("site.json", ConfigJson);
        var secret = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var envFile = EnvFileWith($"{EnvironmentNames.DbHost}=db\n{secret}\n", OwnerOnly);
        _environment[EnvironmentNames.EnvFile] = envFile;

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal($"{envFile} line 2: is not KEY=VALUE", error.Message);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_env_file_is_a_clear_error()
    {
        var file = _dir.File("site.json", ConfigJson);
        var envFile = Path.Combine(_dir.Path, "absent.envfile");
        _environment[EnvironmentNames.EnvFile] = envFile;

        var error = Assert.Throws<InvalidInputException>(() => CutterConfiguration.Load(file, Env));

        Assert.Equal($"{envFile}: env file does not exist", error.Message);
    }
}
