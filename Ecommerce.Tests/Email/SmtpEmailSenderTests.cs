using System.Net;
using System.Net.Sockets;
using System.Text;
using Ecommerce.Core.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ecommerce.Tests.Email;

/// <summary>
/// Mail over SMTP (MailKit) to a real socket: a tiny SMTP server in the test records the conversation, so what is checked
/// is what a mail server would receive: the log-in, the envelope, and a message whose headers and non-ASCII text decode.
/// </summary>
public sealed class SmtpEmailSenderTests
{
    private static SmtpEmailSender Sender(int port, bool useSsl, string? user = null) => new(Options.Create(new EmailSettings
    {
        From = "Marketplace <no-reply@marketplace.local>", SmtpHost = "127.0.0.1", SmtpPort = port, SmtpUseSsl = useSsl,
        SmtpUser = user, SmtpPassword = user is null ? null : "s3cret",
    }), NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task A_message_reaches_the_smtp_server_with_its_login_envelope_and_text()
    {
        await using var server = new RecordingSmtpServer();
        await Sender(server.Port, useSsl: false, user: "mailer")
            .SendAsync(new EmailMessage("shopper@example.test", "Votre commande EC-1234 est payée", "<p>Merci, café et crème arrivent bientôt.</p>"));
        await server.Finished;

        Assert.Contains("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0mailer\0s3cret")), server.Commands);
        Assert.Contains(server.Commands, c => c.StartsWith("MAIL FROM:<no-reply@marketplace.local>"));
        Assert.Contains(server.Commands, c => c.StartsWith("RCPT TO:<shopper@example.test>"));
        var mail = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(Assert.Single(server.Messages))));
        Assert.Equal("Votre commande EC-1234 est payée", mail.Subject);
        Assert.Equal("shopper@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Marketplace", Assert.Single(mail.From.Mailboxes).Name);
        Assert.Contains("café et crème", mail.HtmlBody);
    }

    [Fact]
    public async Task With_tls_required_a_server_without_starttls_gets_neither_the_password_nor_the_mail()
    {
        await using var server = new RecordingSmtpServer();
        await Assert.ThrowsAnyAsync<NotSupportedException>(() => Sender(server.Port, useSsl: true, user: "mailer")
            .SendAsync(new EmailMessage("shopper@example.test", "Hello", "<p>Hi</p>")));
        await server.Finished;
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH") || c.StartsWith("MAIL"));
        Assert.Empty(server.Messages);
    }

    /// <summary>One SMTP session on a loopback port: offers AUTH PLAIN (no STARTTLS), accepts everything, records it.</summary>
    private sealed class RecordingSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public RecordingSmtpServer()
        {
            _listener.Start();
            Finished = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public List<string> Commands { get; } = [];
        public List<string> Messages { get; } = [];
        public Task Finished { get; }

        private async Task ServeAsync()
        {
            using var connection = await _listener.AcceptTcpClientAsync();
            await using var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 test.local ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                Commands.Add(line);
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await writer.WriteAsync("250-test.local\r\n250 AUTH PLAIN\r\n"); break;
                    case "AUTH":
                        if (line.Split(' ').Length == 2) // the credentials asked for on their own line
                        {
                            await writer.WriteLineAsync("334 ");
                            Commands[^1] = line + " " + await reader.ReadLineAsync();
                        }
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                        Messages.Add(data.ToString());
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "QUIT": await writer.WriteLineAsync("221 2.0.0 Bye"); return;
                    default: await writer.WriteLineAsync("250 2.0.0 OK"); break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await Finished.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
    }
}
