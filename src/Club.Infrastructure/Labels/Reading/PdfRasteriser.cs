using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Club.Infrastructure.Labels.Reading;

/// <summary>
/// Turns PDF pages into greyscale PNG pictures with poppler's <c>pdftoppm</c> (Debian: poppler-utils), the
/// rasteriser the label tests use. It is a separate program, so a server without it reads PNG and JPEG
/// proofs only: <see cref="RasteriseAsync(string, int, int, CancellationToken)"/> then answers null.
/// </summary>
public sealed class PdfRasteriser(string program = "pdftoppm")
{
    public const int Dpi = 300;

    /// <summary>A PDF that takes longer is not a proof sheet; the program is stopped.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The pages from <paramref name="firstPage"/> to <paramref name="lastPage"/> as PNG files' bytes; null when pdftoppm is not installed.</summary>
    public async Task<IReadOnlyList<byte[]>?> RasteriseAsync(string pdf, int firstPage, int lastPage, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("club-pdf-").FullName;
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-png", "-gray", "-r", Dpi.ToString(CultureInfo.InvariantCulture), "-f", Page(firstPage), "-l", Page(lastPage), pdf, Path.Combine(folder, "page") })
            {
                start.ArgumentList.Add(argument);
            }

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception)
            {
                return null;
            }

            using (process)
            {
                if (process is null)
                {
                    return null;
                }

                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardOutput.ReadToEndAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Timeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }

                // A broken or encrypted PDF: no pages rather than an error page, the caller says it could not be read.
                if (process.ExitCode != 0)
                {
                    _ = await error;
                    return [];
                }
            }

            // pdftoppm numbers pages with as many digits as the last page has: ordering by name is page order.
            return Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>As the other overload, for a PDF held in memory (an upload).</summary>
    public async Task<IReadOnlyList<byte[]>?> RasteriseAsync(byte[] pdf, int maxPages, CancellationToken cancellationToken)
    {
        // A proof shows scratch codes: its copy lives in an owner-only temporary folder (mkdtemp), removed at once.
        var folder = Directory.CreateTempSubdirectory("club-proof-").FullName;
        try
        {
            var file = Path.Combine(folder, "proof.pdf");
            await File.WriteAllBytesAsync(file, pdf, cancellationToken);
            return await RasteriseAsync(file, 1, maxPages, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Page(int page) => page.ToString(CultureInfo.InvariantCulture);
}
