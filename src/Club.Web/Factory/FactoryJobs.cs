using System.Collections.Concurrent;
using System.Threading.Channels;
using Club.Application.Features.Tags;
using Club.Infrastructure.Labels;
using Mediator;

namespace Club.Web.Factory;

/// <summary>A batch being generated from the web page: what the progress page shows.</summary>
public sealed class FactoryJob
{
    public Guid Id { get; } = Guid.NewGuid();
    public required CreateTagBatchCommand Command { get; init; }
    public required string TemplatePath { get; init; }
    public string Phase { get; set; } = "Waiting";
    public long Done { get; set; }
    public long Total { get; set; }
    public int? BatchId { get; set; }
    public string? Error { get; set; }
    public bool Finished { get; set; }
}

/// <summary>
/// Runs web-requested batches one at a time in the background (a million tags take seconds; a request
/// should not wait), then renders their PDFs and moves the print files to the batch's private folder.
/// Progress lives in this node's memory: the load balancer's sticky sessions bring the staff member back.
/// </summary>
public sealed class FactoryJobs(IServiceScopeFactory scopes, ITagPrintFiles printFiles, ILogger<FactoryJobs> logger) : BackgroundService
{
    private readonly Channel<FactoryJob> queue = Channel.CreateUnbounded<FactoryJob>();
    private readonly ConcurrentDictionary<Guid, FactoryJob> jobs = new();

    public FactoryJob Enqueue(CreateTagBatchCommand command, string templatePath)
    {
        var job = new FactoryJob { Command = command, TemplatePath = templatePath, Total = command.Quantity };
        jobs[job.Id] = job;
        queue.Writer.TryWrite(job);
        return job;
    }

    public FactoryJob? Find(Guid id) => jobs.GetValueOrDefault(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Batch job {Job} failed", job.Id);
                job.Error = "The batch could not be generated; nothing was kept. Try again or use the factory tool.";
            }
            finally
            {
                job.Finished = true;
                if (Directory.Exists(job.Command.OutputFolder))
                {
                    Directory.Delete(job.Command.OutputFolder, recursive: true);
                }
            }
        }
    }

    private async Task RunAsync(FactoryJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        job.Phase = "Generating tags";
        var result = await mediator.Send(job.Command with { Progress = new Progress<long>(done => job.Done = done) }, cancellationToken);
        if (!result.Succeeded)
        {
            job.Error = result.Error;
            return;
        }

        var batch = result.Batch!;
        job.Phase = "Rendering labels";
        job.Done = 0;
        var template = LabelTemplate.Load(job.TemplatePath);
        var folder = printFiles.FolderFor(batch.BatchId);
        Infrastructure.ClubPaths.CreatePrivateFolder(folder);
        using (var reader = new StreamReader(batch.PrintFile))
        {
            await Task.Run(() => new LabelPdfWriter().WriteFiles(template, LabelCsv.Read(reader), folder, batch.Number,
                progress: new Progress<int>(done => job.Done = done)), cancellationToken);
        }

        File.Move(batch.PrintFile, Path.Combine(folder, Path.GetFileName(batch.PrintFile)));
        job.BatchId = batch.BatchId;
        job.Phase = "Done";
    }
}
