using System.Diagnostics;
using System.Net;
using Club.Infrastructure.Postgres;
using Club.Testing;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// What buyers do over HTTP, against the Release site in a child process on the bench's own durable
/// database: a burst of sign-ins (the site's sign-ins per second, and the scan page's p99 meanwhile
/// against its p99 just before), then registrations as the scan page's form posts them (signed-in
/// cookie, antiforgery token, Blazor's form handler), beside the use case alone and the raw-SQL
/// baseline measured in the same run. The site runs with Club:Bench:DisableRateLimits=true: every
/// request comes from one address, which the sign-in and guess limits would otherwise refuse.
/// </summary>
internal static class HttpBenchmark
{
    private const string Password = "bench-pass-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var buyers = BenchSupport.Option(args, "--buyers", 32);
        var perBuyer = BenchSupport.Option(args, "--per-buyer", 50);
        var burst = BenchSupport.Option(args, "--burst", 100);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"HTTP benchmark: a burst of {burst} sign-ins; {buyers} signed-in buyers x {perBuyer} registrations by form post; {Environment.ProcessorCount} cores, load {BenchSupport.Load()}");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            var appData = Path.Combine(root, "app");
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, appData);
            var accounts = await RegistrationBenchmark.CreateBuyersAsync(app, Math.Max(burst, buyers), 0, Password);
            var scanTags = await RegistrationBenchmark.PrintAsync(app, 1_000, Path.Combine(root, "print"));
            await using var site = await SiteProcess.StartAsync(server.ConnectionString, appData, Path.Combine(root, "site.log"));
            var baseUrl = site.BaseUrl;

            // Warm-up, not counted: the site's JIT, pools and caches.
            await ScanLoadAsync(baseUrl, scanTags, TimeSpan.FromSeconds(5), 8, () => false);
            var warm = await SignInAllAsync(baseUrl, Enumerable.Range(0, 4).ToArray());

            // 1. The sign-in burst, with the scan page measured before and during it.
            var quiet = await ScanLoadAsync(baseUrl, scanTags, TimeSpan.FromSeconds(5), 8, () => false);
            var burstDone = false;
            var during = ScanLoadAsync(baseUrl, scanTags, TimeSpan.FromMinutes(5), 8, () => Volatile.Read(ref burstDone));
            var burstTimer = Stopwatch.StartNew();
            var signedIn = await SignInAllAsync(baseUrl, Enumerable.Range(0, burst).ToArray());
            var burstSeconds = burstTimer.Elapsed.TotalSeconds;
            Volatile.Write(ref burstDone, true);
            var scansDuring = await during;
            var slowest = signedIn.Max(s => s.Seconds);
            Console.WriteLine($"sign-in burst: {burst} at once, all done in {burstSeconds:F1} s = {burst / burstSeconds:N1} sign-ins/s; slowest {slowest:F1} s; failed {signedIn.Count(s => s.Client is null)}");
            Console.WriteLine($"scan page, 8 connections: p99 {quiet.P99:F0} ms quiet ({quiet.PerSecond:N0} req/s), p99 {scansDuring.P99:F0} ms during the burst ({scansDuring.PerSecond:N0} req/s); errors {quiet.Errors + scansDuring.Errors}");
            foreach (var (client, _) in warm.Concat(signedIn))
            {
                client?.Dispose();
            }

            // 2. Registrations by form post: each buyer opens the scan page once for its token, then posts its tags' codes.
            var clients = (await SignInAllAsync(baseUrl, Enumerable.Range(0, buyers).ToArray())).Select(s => s.Client ?? throw new InvalidOperationException("a buyer could not sign in")).ToArray();
            var tags = await RegistrationBenchmark.PrintAsync(app, buyers * perBuyer, Path.Combine(root, "print"));
            var cpu = CpuNow(site, server);
            var timer = Stopwatch.StartNew();
            var posted = await PostAllAsync(clients, tags, perBuyer);
            var overHttp = tags.Length / timer.Elapsed.TotalSeconds;
            var httpCpu = CpuNow(site, server) - cpu;
            var registered = await CountRegisteredAsync(server.ConnectionString, tags);
            foreach (var client in clients)
            {
                client.Dispose();
            }

            // 3. The same work through the use case alone, and the raw SQL, in this run.
            var members = await RegistrationBenchmark.CreateBuyersAsync(app, buyers, 1, Password);
            var direct = await RegistrationBenchmark.PrintAsync(app, buyers * perBuyer, Path.Combine(root, "print"));
            cpu = CpuNow(site, server);
            timer.Restart();
            var registeredDirect = await RegistrationBenchmark.RegisterAllAsync(app, members, direct, perBuyer);
            var useCase = direct.Length / timer.Elapsed.TotalSeconds;
            var useCaseCpu = CpuNow(site, server) - cpu;
            var rawMembers = await RegistrationBenchmark.CreateBuyersAsync(app, buyers, 2, Password);
            var rawTags = await RegistrationBenchmark.PrintAsync(app, buyers * perBuyer, Path.Combine(root, "print"));
            cpu = CpuNow(site, server);
            var raw = await RegistrationBenchmark.RawAsync(server.ConnectionString, rawMembers, rawTags, perBuyer);
            var rawCpu = CpuNow(site, server) - cpu;

            Console.WriteLine($"registrations over HTTP (form posts): {overHttp:N0}/s  ({registered} of {tags.Length} registered, {posted} answered 200)");
            Console.WriteLine($"registrations through the use case:  {useCase:N0}/s  ({registeredDirect} of {direct.Length})");
            Console.WriteLine($"raw SQL baseline, same writes:       {raw:N0} transactions/s");
            Console.WriteLine($"ratio http / use case: {overHttp / useCase:F2}   use case / raw: {useCase / raw:F2}   http / raw: {overHttp / raw:F2}   load {BenchSupport.Load()}");
            // Where the time goes: CPU per registration by process. On two shared cores the sum bounds the rate.
            Console.WriteLine($"CPU per registration, over HTTP:  {httpCpu.Per(tags.Length)}");
            Console.WriteLine($"CPU per registration, use case:   {useCaseCpu.Per(direct.Length)}");
            Console.WriteLine($"CPU per registration, raw SQL:    {rawCpu.Per(rawTags.Length)}");
            var ledger = await RegistrationBenchmark.CheckLedgerAsync(server.ConnectionString);
            return ledger == 0 && registered == tags.Length && registeredDirect == direct.Length ? 0 : 1;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    /// <summary>Signs the given bench buyers in at once, each with its own cookie jar; a client is null when its sign-in failed.</summary>
    private static async Task<(HttpClient? Client, double Seconds)[]> SignInAllAsync(string baseUrl, int[] buyers) =>
        await Task.WhenAll(buyers.Select(n => Task.Run(async () =>
        {
            var client = NewClient(baseUrl);
            var timer = Stopwatch.StartNew();
            var response = await HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = RegistrationBenchmark.BuyerEmail(0, n),
                ["Input.Password"] = Password,
            });
            var ok = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == false;
            if (!ok)
            {
                client.Dispose();
            }

            return (ok ? client : null, timer.Elapsed.TotalSeconds);
        })));

    /// <summary>Each buyer posts the registration form for its own tags one after another, all buyers at once; returns the 200 answers.</summary>
    private static async Task<int> PostAllAsync(HttpClient[] clients, (string Serial, string Code, long Id)[] tags, int perBuyer)
    {
        var answered = await Task.WhenAll(clients.Select((client, b) => Task.Run(async () =>
        {
            // The page of the buyer's first tag carries the form's hidden fields: the antiforgery token (tied
            // to the buyer's cookies, not to the page) and Blazor's form name.
            var hidden = HtmlForms.HiddenFields(await client.GetStringAsync($"/T/{tags[b * perBuyer].Serial}"));
            var ok = 0;
            for (var i = 0; i < perBuyer; i++)
            {
                var tag = tags[b * perBuyer + i];
                var fields = new Dictionary<string, string>(hidden) { ["_handler"] = "register", ["code"] = tag.Code };
                using var response = await client.PostAsync($"/T/{tag.Serial}", new FormUrlEncodedContent(fields));
                await response.Content.ReadAsStringAsync();
                ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }

            return ok;
        })));
        return answered.Sum();
    }

    /// <summary>Scan page views by a few anonymous visitors over many tags until told to stop (or the time is up).</summary>
    private static async Task<ScanFigures> ScanLoadAsync(string baseUrl, (string Serial, string Code, long Id)[] tags, TimeSpan limit, int connections, Func<bool> stop)
    {
        var latencies = new List<double>();
        var errors = 0;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            using var client = NewClient(baseUrl);
            var random = new Random(c);
            var mine = new List<double>();
            while (timer.Elapsed < limit && !stop())
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"/T/{tags[random.Next(tags.Length)].Serial}");
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        var sorted = latencies.Order().ToArray();
        var p99 = sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
        return new ScanFigures(sorted.Length / timer.Elapsed.TotalSeconds, p99, errors);
    }

    private sealed record ScanFigures(double PerSecond, double P99, int Errors);

    /// <summary>CPU seconds so far: the site's process, PostgreSQL's processes, and this process (the clients, or the use case run in-process).</summary>
    private static CpuSplit CpuNow(SiteProcess site, EmbeddedPostgres server) =>
        new(site.CpuSeconds, BenchSupport.ServerCpuSeconds(server), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    private sealed record CpuSplit(double Site, double Server, double Bench)
    {
        public static CpuSplit operator -(CpuSplit after, CpuSplit before) =>
            new(after.Site - before.Site, after.Server - before.Server, after.Bench - before.Bench);

        public string Per(int count) =>
            $"site {Site * 1000 / count:F2} ms, PostgreSQL {Server * 1000 / count:F2} ms, bench process {Bench * 1000 / count:F2} ms; " +
            $"total {(Site + Server + Bench) * 1000 / count:F2} ms (at most {count * Environment.ProcessorCount / (Site + Server + Bench):N0}/s on {Environment.ProcessorCount} cores)";
    }

    private static HttpClient NewClient(string baseUrl) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };

    private static async Task<long> CountRegisteredAsync(string connectionString, (string Serial, string Code, long Id)[] tags)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tags WHERE id = ANY($1) AND owner_member_id IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tags.Select(t => t.Id).ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The Release site (built with this tool) on a loopback port, over the bench's database and keys.</summary>
    private sealed class SiteProcess : IAsyncDisposable
    {
        private readonly Process process;

        private SiteProcess(Process process, string baseUrl)
        {
            this.process = process;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public double CpuSeconds
        {
            get
            {
                process.Refresh();
                return process.TotalProcessorTime.TotalSeconds;
            }
        }

        public static async Task<SiteProcess> StartAsync(string connectionString, string appData, string log)
        {
            // Built with this tool (a project reference without its assembly): tools/Club.Bench/bin/<Configuration>/net10.0
            // sits five folders below the repository, as src/Club.Web/bin/<Configuration>/net10.0 does.
            var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
            var siteDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Club.Web", "bin", configuration, "net10.0"));
            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { Path.Combine(siteDir, "Club.Web.dll"), "--contentRoot", siteDir, "--urls", baseUrl })
            {
                start.ArgumentList.Add(arg);
            }

            // Production, as deployed; the scheduler stays off so no job competes with the measured requests.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Club"] = connectionString;
            start.Environment["Club__AppData"] = appData;
            start.Environment["Club__PublicBaseUrl"] = baseUrl;
            start.Environment["Club__Jobs__Enabled"] = "false";
            start.Environment["Club__Bench__DisableRateLimits"] = "true";
            var process = Process.Start(start)!;
            var output = new StreamWriter(log) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; i < 240; i++)
            {
                if (process.HasExited)
                {
                    break;
                }

                try
                {
                    if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        return new SiteProcess(process, baseUrl);
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(500);
            }

            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The site did not start; see {log}:{Environment.NewLine}{File.ReadAllText(log)}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
