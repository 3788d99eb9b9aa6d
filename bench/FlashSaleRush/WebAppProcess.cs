using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlashSaleRush;

/// <summary>
/// The real web app in a child process (Release build, Production environment, the settings on its command line),
/// listening on a free loopback port. Its log goes to a file; lines at error level are counted.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _errorLines;

    private WebAppProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    /// <summary>CPU time the server has used so far (all cores).</summary>
    public TimeSpan CpuTime { get { _process.Refresh(); return _process.TotalProcessorTime; } }
    public int ErrorLines { get { lock (_log) return _errorLines; } }
    /// <summary>What the server has logged so far: lines (a stack trace counts each of its lines), entries (one per
    /// "fail:", "crit:", "warn:", "info:"... header) and error entries.</summary>
    public (int Lines, int Entries, int Errors) LogTally { get { lock (_log) return (_lines, _entries, _errorLines); } }
    private int _lines, _entries;

    /// <param name="configuration">Which build of Ecommerce.Web to run.</param>
    /// <param name="build">False when that build is known to be current (the tests, whose own build made it).</param>
    public static async Task<WebAppProcess> StartAsync(string repository, IReadOnlyDictionary<string, string> settings, string logFile,
        string configuration = "Release", bool build = true)
    {
        var port = FreePort();
        var project = Path.Combine(repository, "Ecommerce.Web");
        if (build)
        {
            var builder = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", configuration, "--nologo", "-v", "q", project]) { RedirectStandardOutput = true })!;
            var buildOutput = await builder.StandardOutput.ReadToEndAsync();
            await builder.WaitForExitAsync();
            if (builder.ExitCode != 0) throw new InvalidOperationException("Building Ecommerce.Web failed:\n" + buildOutput);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true,
            // Bench buyers register and log in at once, which production allows only after confirming their email.
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_NOLOGO"] = "1", ["Accounts__RequireConfirmedEmail"] = "false" },
        };
        // The built app itself rather than `dotnet run`: then this process is the server, and its CPU time can be read.
        foreach (var arg in new[] { Path.Combine(project, "bin", configuration, "net10.0", "Ecommerce.Web.dll"), $"--urls=http://127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");

        var log = new StreamWriter(logFile) { AutoFlush = true };
        var app = new WebAppProcess(Process.Start(start)!, log, new Uri($"http://127.0.0.1:{port}"));
        app._process.OutputDataReceived += (_, e) => app.Write(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Write(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        return app;
    }

    /// <summary>The first error entries of the log (their first lines), to show with the results.</summary>
    public List<string> FirstErrors { get; } = [];
    private int _errorContext;

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _lines++;
            if (line.Length > 5 && line[4] == ':' && line[..4] is "fail" or "crit" or "warn" or "info" or "dbug" or "trce") _entries++;
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _errorLines++;
                if (FirstErrors.Count < 15) { FirstErrors.Add(line); _errorContext = 2; }
            }
            else if (_errorContext > 0 && FirstErrors.Count < 15) { FirstErrors.Add(line); _errorContext--; }
            _log.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The web app stopped at start (exit code {_process.ExitCode}); see its log.");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The web app did not become ready in time; see its log.");
    }

    /// <summary>The server's threads and resident memory now (Linux /proc; zeros elsewhere).</summary>
    public (int Threads, long RssMb) Footprint()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return (0, 0);
        var lines = File.ReadAllLines(status);
        int Value(string key) => int.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0]);
        return (Value("Threads:"), Value("VmRSS:") / 1024);
    }

    /// <summary>
    /// Waits until the server is nearly idle (under 10% of a core over two seconds): after start it indexes the demo
    /// catalogue for search and compiles its hot code, which would otherwise be measured as part of the rush.
    /// </summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var before = CpuTime;
            await Task.Delay(TimeSpan.FromSeconds(2));
            if ((CpuTime - before).TotalSeconds < 0.2) return;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the server at once, as a crash would: on Linux Process.Kill is SIGKILL (no shutdown code runs).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
