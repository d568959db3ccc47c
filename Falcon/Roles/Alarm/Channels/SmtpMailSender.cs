using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>Mail over SMTP with MailKit: one connection per try, to alarm.mail.host or alarm.mail.backupHost.</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options) : IChannelSender
{
    private readonly MailOptions _options = options.Value;

    public ChannelKind Channel => ChannelKind.Mail;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.Host);

    public bool HasBackup => !string.IsNullOrWhiteSpace(_options.BackupHost);

    public async Task<SendOutcome> SendAsync(AlarmMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        var host = target == ChannelTarget.Backup && HasBackup ? _options.BackupHost! : _options.Host;
        if (string.IsNullOrWhiteSpace(host))
        {
            return SendOutcome.Failed("alarm.mail.host is not configured");
        }

        MimeMessage mime;
        try
        {
            mime = Compose(message);
        }
        catch (ParseException e)
        {
            return SendOutcome.Failed($"bad address: {e.Message}");
        }

        if (mime.To.Count == 0)
        {
            return SendOutcome.Failed("no recipients");
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(_options.Timeout);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, _options.Port, Security(), timeoutSource.Token);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, timeoutSource.Token);
            }

            await client.SendAsync(mime, timeoutSource.Token);
            await client.DisconnectAsync(quit: true, timeoutSource.Token);
            return SendOutcome.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Failed($"smtp {host}:{_options.Port} did not finish within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SocketException or IOException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            // MailKit's messages name the server's reply, never the password.
            return SendOutcome.Failed($"smtp {host}:{_options.Port}: {e.Message}");
        }
    }

    private SecureSocketOptions Security() => _options.Security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private MimeMessage Compose(AlarmMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_options.From));
        foreach (var recipient in message.Recipients.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            mime.To.Add(MailboxAddress.Parse(recipient));
        }

        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id}@falcon";
        var links = string.Concat(message.Actions.Select(a => $"\r\n{a.Label}: {a.Url}"));
        mime.Body = new TextPart("plain") { Text = message.Content + links };
        return mime;
    }
}
