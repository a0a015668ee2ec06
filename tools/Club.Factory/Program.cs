using System.CommandLine;
using Club.Factory;

var appData = new Option<string?>("--app-data")
{
    Description = "The site's App_Data folder (embedded database, keys). Default: src/Club.Web/App_Data of this checkout.",
    Recursive = true,
};

var root = new RootCommand("Club factory tool: tag batches with unguessable serials and hidden scratch codes, and print-ready labels.");
root.Options.Add(appData);
root.Subcommands.Add(BatchCommands.Create(appData));
root.Subcommands.Add(LabelCommands.Create(appData));

return await root.Parse(args).InvokeAsync();
