using System.CommandLine;
using Cutter.Cli;
using Cutter.Cli.Commands;

// Program only registers the verbs; each verb is a command class calling the library.
var root = new RootCommand("cutter: enact a governance document into a PostgreSQL store under signed approval gates");
foreach (var command in CommandRegistry.All())
{
    root.Subcommands.Add(command);
}

return await CliRunner.InvokeAsync(root, args);
