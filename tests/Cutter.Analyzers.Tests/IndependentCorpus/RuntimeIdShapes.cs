using static Cutter.Analyzers.Tests.IndependentCorpus.Snippets;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// CUT002 categories: values that differ per run or per machine, in the forms real systems print them: run ids of
/// orchestrators and CI (UUIDs v4/v7, ULIDs, date-time stamps, prefixed ids), the host names cloud providers assign
/// to VPSs and instances, internal fully qualified host names, container image digests, KB document ids. Code only:
/// configuration is where such values belong.
/// </summary>
internal static class RuntimeIdShapes
{
    private const string RuntimeId = RuleIdentifiers.HardCodedRuntimeId;

    public static IEnumerable<ShapeCategory> All =>
    [
        new("uuid-run-id", RuntimeId, (r, i) => Rotate(i,
            Member("RunId", r.Uuid4()), Argument(r.Uuid4()), Local("lastRun", r.Uuid4(upper: true)), Property("CorrelationId", r.Uuid7()))),
        new("uuid-in-context", RuntimeId, (r, i) => Rotate(i,
            ("statement", $"var id = Guid.Parse(\"{r.Uuid4()}\"); Api.Send(id.ToString());"),
            ("statement", $"var id = new Guid(\"{r.Uuid7()}\"); Api.Send(id.ToString());"),
            UriArgument($"https://orchestrator.corp.net/api/runs/{r.Uuid4()}/status"),
            Interpolated($"runs/{r.Uuid4()}/", "/log"),
            Assignment("run", r.Uuid7()))),
        new("ulid-run-id", RuntimeId, (r, i) => Rotate(i,
            Member("RunId", r.Ulid()), Argument(r.Ulid()), Local("executionId", r.Ulid()), Interpolated($"executions/{r.Ulid()}/", ""))),
        new("run-stamp", RuntimeId, (r, i) => Rotate(i,
            Member("Run", $"run-{r.Date()}-{r.Time()}-{r.Of(ShapeRandom.Hex, 6)}"),
            Argument($"{r.Pick(["run", "job", "deploy", "rehearsal"])}-{r.Date()}-{r.Time()}-{r.Of(ShapeRandom.Hex, 8)}"),
            Local("stamp", $"{r.Date()}T{r.Time()}Z-{r.Of(ShapeRandom.Hex, 6)}"),
            Interpolated($"/var/log/cutter/run-{r.Date()}-{r.Time()}-{r.Of(ShapeRandom.Hex, 6)}/", ".log"))),
        new("prefixed-run-id", RuntimeId, (r, i) => Rotate(i,
            Member("Execution", r.Pick(["run_", "exec_", "job_", "wf_"]) + r.Ulid()),
            Argument(r.Pick(["run-", "build-", "pipeline-"]) + r.Uuid4()),
            Local("jobId", r.Pick(["job_", "task_"]) + r.Of(ShapeRandom.Hex, 24)),
            Member("Pipeline", r.Pick(["run_", "deploy_"]) + r.Ulid().ToLowerInvariant()))),
        new("vps-host-contabo", RuntimeId, (r, i) => Rotate(i,
            Member("Machine", "vmi" + r.Of("123456789", 1) + r.Of(ShapeRandom.Digits, 6)), Argument("vmi" + r.Of("123456789", 1) + r.Of(ShapeRandom.Digits, 6)),
            Interpolated("ssh://cutter@vmi" + r.Of("123456789", 1) + r.Of(ShapeRandom.Digits, 5) + ".contaboserver.net/", ""))),
        new("aws-instance-host", RuntimeId, (r, i) => Rotate(i,
            Argument($"ip-10-{r.Next(0, 256)}-{r.Next(0, 256)}-{r.Next(1, 255)}"),
            Member("Node", $"ip-172-31-{r.Next(0, 256)}-{r.Next(1, 255)}.{r.Pick(["ec2.internal", "eu-west-1.compute.internal", "us-east-2.compute.internal"])}"),
            Local("target", $"ec2-{r.Next(3, 60)}-{r.Next(0, 256)}-{r.Next(0, 256)}-{r.Next(1, 255)}.{r.Pick(["eu-central-1", "us-west-2"])}.compute.amazonaws.com"),
            Interpolated($"ssh://ec2-user@ip-10-0-{r.Next(0, 256)}-{r.Next(1, 255)}/", ""))),
        new("cloud-vm-host", RuntimeId, (r, i) => Rotate(i,
            Member("Droplet", $"ubuntu-s-{r.Next(1, 5)}vcpu-{r.Next(1, 9)}gb-{r.Pick(["fra1", "ams3", "nyc3", "sgp1"])}-{r.Next(1, 20):D2}"),
            Argument($"{r.Pick(["ubuntu", "debian"])}-{r.Next(2, 17)}gb-{r.Pick(["nbg1", "fsn1", "hel1"])}-{r.Next(1, 9)}"),
            Local("vm", $"static.{r.Next(1, 255)}.{r.Next(0, 255)}.{r.Next(0, 255)}.{r.Next(1, 255)}.clients.your-server.de"),
            Member("Linode", $"li{r.Next(100, 2000)}-{r.Next(1, 255)}.members.linode.com"),
            Argument($"vps-{r.Of(ShapeRandom.Hex, 8)}.vps.ovh.net"))),
        new("internal-fqdn", RuntimeId, (r, i) => Rotate(i,
            Member("Primary", $"{r.Pick(["db", "pg", "worker", "api", "cache"])}-{r.Next(1, 20)}.{r.Pick(["fra", "ams", "dc1", "eu-west"])}.internal"),
            Argument($"{r.Pick(["pg-primary", "kafka", "etcd"])}-{r.Next(0, 9):D2}.{r.Pick(["ams3", "iad"])}.corp"),
            UriArgument($"https://{r.Pick(["vault", "registry"])}-{r.Next(1, 5)}.{r.Pick(["prod", "stage"])}.lan:8200/v1/sys/health"),
            Interpolated($"Host={r.Pick(["db", "pg"])}{r.Next(1, 9)}.{r.Pick(["site-a", "zrh"])}.intranet;Database=", ""))),
        new("container-image-digest", RuntimeId, (r, i) => Rotate(i,
            Member("Image", $"{r.Pick(["ghcr.io/corp", "registry.gitlab.com/team", "docker.io/library"])}/{r.Pick(["cutter", "postgres", "api"])}@sha256:{r.Of(ShapeRandom.Hex, 64)}"),
            Argument($"{r.Of(ShapeRandom.Digits, 12)}.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:{r.Of(ShapeRandom.Hex, 64)}"),
            Local("pinned", $"mcr.microsoft.com/dotnet/runtime:10.0@sha256:{r.Of(ShapeRandom.Hex, 64)}"))),
        new("kb-document-id", RuntimeId, (r, i) => Rotate(i,
            Member("Doc", "KB-" + r.Next(100, 99999)), Argument("KB-" + r.Next(1000, 9999)),
            UriArgument($"https://kb.corp.net/docs/KB-{r.Next(100, 9999)}"), Interpolated($"kb/KB-{r.Next(1000, 9999)}/", ".md"))),
        new("host-bound-by-name", RuntimeId, (r, i) => Rotate(i,
            Member("ExpectedHost", $"{r.Pick(["cutter", "db", "app"])}-prod-{r.Next(1, 30):D2}"),
            Local("dbHost", $"{r.Pick(["pg", "db"])}{r.Next(1, 30):D2}.{r.Pick(["corp.net", "acme.io"])}"),
            Assignment("Host", $"10.{r.Next(0, 255)}.{r.Next(0, 255)}.{r.Next(1, 255)}"))),
        new("pinned-sha256", RuntimeId, (r, i) => Rotate(i,
            Member("GrantMatrixSha256", r.Of(ShapeRandom.Hex, 64)), Argument("sha256:" + r.Of(ShapeRandom.Hex, 64)),
            Local("expectedDigest", r.Of(ShapeRandom.Hex, 64).ToUpperInvariant()))),
    ];
}
