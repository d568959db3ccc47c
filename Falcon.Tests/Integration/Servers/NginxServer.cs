using System.Globalization;

namespace Falcon.Tests.Integration.Servers;

/// <summary>A real nginx (Debian's nginx) on a free loopback port serving <see cref="Root"/> with gzip_static on, as a download server for agent upgrades.</summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private NginxServer(ServerProcess process, int port, string root)
    {
        _process = process;
        Port = port;
        Root = root;
    }

    public int Port { get; }

    /// <summary>The directory served at `/`: a file `bin_7.1` is `http://127.0.0.1:port/bin_7.1`, and `bin_7.1.gz` beside it is sent to clients that accept gzip.</summary>
    public string Root { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts nginx; <paramref name="serverConfig"/> is added inside the server block (a `location` that denies, say).</summary>
    public static async Task<NginxServer> StartAsync(string? serverConfig = null)
    {
        var port = ServerProcess.FreePort();
        var directory = ServerProcess.NewDirectory("nginx");
        var root = Path.Combine(directory, "www");
        Directory.CreateDirectory(root);
        var config = Path.Combine(directory, "nginx.conf");
        // One process, no master: no worker user to switch to, so it serves the test's files whoever runs the tests.
        File.WriteAllText(config, $$"""
            daemon off;
            master_process off;
            pid {{directory}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 256; }
            http {
                access_log off;
                default_type application/octet-stream;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                server {
                    listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                    root {{root}};
                    gzip_static on;
                    location = /health { return 200 "ok"; }
                    {{serverConfig ?? string.Empty}}
                }
            }
            """);
        var process = ServerProcess.Start("nginx", "nginx", "nginx", directory, "-c", config, "-p", directory, "-e", "stderr");
        var server = new NginxServer(process, port, root);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await process.WaitUntilReadyAsync(
                async ct => (await http.GetAsync(new Uri(server.BaseAddress, "/health"), ct)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
