using System.Collections.Concurrent;
using System.Threading.Channels;
using Club.Application.Abstractions;
using Club.Application.Features.Brand;
using Club.Application.Features.Tags;
using Mediator;

namespace Club.Web.Tags;

/// <summary>A batch being generated from the web page: what the progress page shows.</summary>
public sealed class FactoryJob
{
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The form's one-time id: a second submit of the same form finds this job instead of starting another.</summary>
    public required Guid RequestId { get; init; }
    public required string Owner { get; init; }
    public required CreateTagBatchCommand Command { get; init; }
    public required string TemplatePath { get; init; }
    public string Phase { get; set; } = "Waiting";
    public long Done { get; set; }
    public long Total { get; set; }
    public int? BatchId { get; set; }
    public UserMessage? Error { get; set; }
    public bool Finished { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// Runs web-requested batches one at a time in the background (a million tags take seconds; a request
/// should not wait), then renders their PDFs and keeps the print files with the batch (in the database, sealed).
/// Progress lives in this node's memory: the load balancer's sticky sessions bring the staff member back.
/// </summary>
public sealed class FactoryJobs(IServiceScopeFactory scopes, ITagPrintFiles printFiles, ILogger<FactoryJobs> logger) : BackgroundService
{
    private readonly Channel<FactoryJob> queue = Channel.CreateUnbounded<FactoryJob>();
    private readonly ConcurrentDictionary<Guid, FactoryJob> jobs = new();

    private readonly Lock gate = new();

    /// <summary>
    /// Queues a batch, or returns the job already made by the same form (double click, refresh).
    /// Finished jobs are forgotten after a day, so the list does not grow without end.
    /// </summary>
    public FactoryJob Enqueue(CreateTagBatchCommand command, string templatePath, Guid requestId, string owner)
    {
        lock (gate)
        {
            if (jobs.Values.FirstOrDefault(j => j.RequestId == requestId && j.Owner == owner) is { } existing)
            {
                return existing;
            }

            foreach (var old in jobs.Values.Where(j => j.Finished && j.FinishedAt < DateTimeOffset.UtcNow.AddDays(-1)).ToList())
            {
                jobs.TryRemove(old.Id, out _);
            }

            var job = new FactoryJob { Command = command, TemplatePath = templatePath, Total = command.Quantity, RequestId = requestId, Owner = owner };
            jobs[job.Id] = job;
            queue.Writer.TryWrite(job);
            return job;
        }
    }

    public FactoryJob? Find(Guid id) => jobs.GetValueOrDefault(id);

    /// <summary>Where a new job writes until its files are kept with the batch.</summary>
    public string NewWorkFolder() => printFiles.NewWorkFolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Batch job {Job} failed", job.Id);
                job.Error ??= "The batch could not be generated; nothing was kept. Try again or use the factory tool.";
            }
            finally
            {
                job.Finished = true;
                job.FinishedAt = DateTimeOffset.UtcNow;
                DeleteQuietly(job.Command.OutputFolder);
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

        // The batch exists now and the CSV is the only copy of its codes: it goes to the batch's folder
        // first, so whatever happens to the PDFs, the codes are kept and offered for download.
        var batch = result.Batch!;
        job.BatchId = batch.BatchId;
        await printFiles.KeepAsync(batch.BatchId, batch.PrintFile, cancellationToken);

        job.Phase = "Rendering labels";
        job.Done = 0;
        // Rendered beside the job, then moved in: the batch page never lists a half-written PDF.
        var rendered = await RenderAsync(job, batch.PrintFile, batch.Number, cancellationToken);
        if (rendered is null)
        {
            job.Error = "The batch was created and its CSV print file is kept, but the PDF labels could not be made. Render them with the factory tool.";
            return;
        }

        foreach (var pdf in rendered)
        {
            await printFiles.KeepAsync(batch.BatchId, pdf, cancellationToken);
        }

        job.Phase = "Done";
    }

    private async Task<IReadOnlyList<string>?> RenderAsync(FactoryJob job, string csv, string batchNumber, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var logo = await mediator.Send(new GetBrandLogoQuery(), cancellationToken);
            var rendered = await mediator.Send(
                new RenderLabelsCommand(csv, job.TemplatePath, Path.Combine(job.Command.OutputFolder, "pdf"), FilePrefix: batchNumber, Logo: logo?.Content)
                {
                    Progress = new Progress<int>(done => job.Done = done),
                },
                cancellationToken);
            if (rendered.Succeeded)
            {
                return rendered.Files;
            }

            logger.LogError("Labels of batch {Batch} could not be rendered: {Error}", batchNumber, rendered.Error);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Labels of batch {Batch} could not be rendered", batchNumber);
        }

        return null;
    }

    private void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete the job folder {Folder}", folder);
        }
    }
}
