using System.Formats.Asn1;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// One LDAPv3 connection (RFC 4511) speaking the little the console needs: simple bind, search, StartTLS. Messages are
/// BER through System.Formats.Asn1; a received message larger than <see cref="MaxMessage"/> or with an indefinite
/// length ends the connection, and every call is bounded by the caller's token (the configured timeout).
/// </summary>
/// <remarks>
/// Hand-written rather than System.DirectoryServices.Protocols: on Linux that wraps the native libldap by a fixed
/// soname (so the published binary would need a matching OpenLDAP library on every host), which is at odds with one
/// self-contained NativeAOT executable.
/// </remarks>
internal sealed class LdapWire : IAsyncDisposable
{
    public const int MaxMessage = 256 * 1024;
    private const string StartTlsOid = "1.3.6.1.4.1.1466.20037";

    private readonly TcpClient _tcp;
    private Stream _stream;
    private int _messageId;

    private LdapWire(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>
    /// Connects to ldap://host:port (optionally upgraded with StartTLS) or ldaps://host:port. With
    /// <paramref name="trustedCas"/> the server's certificate must chain to one of them, else to the host's trust store.
    /// </summary>
    public static async Task<LdapWire> ConnectAsync(Uri url, bool startTls, X509Certificate2Collection? trustedCas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var secure = url.Scheme.Equals("ldaps", StringComparison.OrdinalIgnoreCase);
        var port = url.IsDefaultPort || url.Port <= 0 ? (secure ? 636 : 389) : url.Port;
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(url.Host, port, cancellationToken);
            var wire = new LdapWire(tcp, tcp.GetStream());
            if (secure)
            {
                await wire.UpgradeAsync(url.Host, trustedCas, cancellationToken);
            }
            else if (startTls)
            {
                var request = wire.Message(w =>
                {
                    var tag = new Asn1Tag(TagClass.Application, 23, isConstructed: true);
                    w.PushSequence(tag);
                    w.WriteOctetString(System.Text.Encoding.ASCII.GetBytes(StartTlsOid), new Asn1Tag(TagClass.ContextSpecific, 0));
                    w.PopSequence(tag);
                });
                var (code, diagnostic) = await wire.ResultAsync(request, 24, cancellationToken);
                if (code != 0)
                {
                    throw new LdapException($"the server refused StartTLS (result {code}: {diagnostic})");
                }

                await wire.UpgradeAsync(url.Host, trustedCas, cancellationToken);
            }

            return wire;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>A simple bind; returns the result code (0 success, 49 invalid credentials) and the server's message.</summary>
    public Task<(int Code, string Diagnostic)> BindAsync(string dn, string password, CancellationToken cancellationToken)
    {
        var request = Message(w =>
        {
            var tag = new Asn1Tag(TagClass.Application, 0, isConstructed: true);
            w.PushSequence(tag);
            w.WriteInteger(3);
            w.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(dn));
            w.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(password), new Asn1Tag(TagClass.ContextSpecific, 0));
            w.PopSequence(tag);
        });
        return ResultAsync(request, 1, cancellationToken);
    }

    /// <summary>Searches; at most <paramref name="sizeLimit"/> entries are asked for (the server may stop with result 4).</summary>
    public async Task<(int Code, string Diagnostic, List<LdapEntry> Entries)> SearchAsync(
        string baseDn, bool subtree, byte[] filter, IReadOnlyList<string> attributes, int sizeLimit, int timeLimitSeconds, CancellationToken cancellationToken)
    {
        var request = Message(w =>
        {
            var tag = new Asn1Tag(TagClass.Application, 3, isConstructed: true);
            w.PushSequence(tag);
            w.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(baseDn));
            w.WriteEnumeratedValue(subtree ? SearchScope.WholeSubtree : SearchScope.BaseObject);
            w.WriteEnumeratedValue(DerefAliases.Never);
            w.WriteInteger(sizeLimit);
            w.WriteInteger(timeLimitSeconds);
            w.WriteBoolean(false);
            w.WriteEncodedValue(filter);
            w.PushSequence();
            foreach (var attribute in attributes)
            {
                w.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(attribute));
            }

            w.PopSequence();
            w.PopSequence(tag);
        });
        var id = _messageId;
        await _stream.WriteAsync(request, cancellationToken);
        var entries = new List<LdapEntry>();
        while (true)
        {
            var (op, body) = await ReadAsync(id, cancellationToken);
            switch (op)
            {
                case 4:
                    if (entries.Count >= Math.Max(sizeLimit, 1))
                    {
                        throw new LdapException($"the server sent more than the {sizeLimit} entries asked for");
                    }

                    entries.Add(LdapEntry.Read(body));
                    break;
                case 19:
                    break; // a continuation reference: referrals are not chased
                case 5:
                    var (code, diagnostic) = ReadResult(body);
                    return (code, diagnostic, entries);
                default:
                    throw new LdapException($"unexpected LDAP operation {op} in a search answer");
            }
        }
    }

    private enum SearchScope
    {
        BaseObject = 0,
        WholeSubtree = 2,
    }

    private enum DerefAliases
    {
        Never = 0,
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // UnbindRequest: [APPLICATION 2] NULL; the server closes the connection.
            var unbind = Message(w => w.WriteNull(new Asn1Tag(TagClass.Application, 2)));
            using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await _stream.WriteAsync(unbind, quick.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going away either way.
        }

        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task UpgradeAsync(string host, X509Certificate2Collection? trustedCas, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions { TargetHost = host };
        if (trustedCas is not null)
        {
            // Only these roots: the chain must end in one of them (the host name is still checked by SslStream).
            authentication.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            authentication.CertificateChainPolicy.CustomTrustStore.AddRange(trustedCas);
        }

        await ssl.AuthenticateAsClientAsync(authentication, cancellationToken);
        _stream = ssl;
    }

    private byte[] Message(Action<AsnWriter> operation)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        writer.PushSequence();
        writer.WriteInteger(++_messageId);
        operation(writer);
        writer.PopSequence();
        return writer.Encode();
    }

    private async Task<(int Code, string Diagnostic)> ResultAsync(byte[] request, int expectedOp, CancellationToken cancellationToken)
    {
        var id = _messageId;
        await _stream.WriteAsync(request, cancellationToken);
        var (op, body) = await ReadAsync(id, cancellationToken);
        return op == expectedOp ? ReadResult(body) : throw new LdapException($"LDAP operation {op} answered where {expectedOp} was expected");
    }

    // The next message for this id: (application tag number of the operation, its encoded TLV).
    private async Task<(int Op, ReadOnlyMemory<byte> Body)> ReadAsync(int id, CancellationToken cancellationToken)
    {
        var message = await ReadMessageAsync(cancellationToken);
        var reader = new AsnReader(message, AsnEncodingRules.BER).ReadSequence();
        if (!reader.TryReadInt32(out var messageId))
        {
            throw new LdapException("an LDAP message without a message id");
        }

        var tag = reader.PeekTag();
        var body = reader.ReadEncodedValue();
        if (messageId == 0 && tag.TagValue == 24)
        {
            var (code, diagnostic) = ReadResult(body);
            throw new LdapException($"the server ended the connection (result {code}: {diagnostic})");
        }

        if (messageId != id || tag.TagClass != TagClass.Application)
        {
            throw new LdapException($"an LDAP answer to message {messageId} where {id} was expected");
        }

        return (tag.TagValue, body);
    }

    private static (int Code, string Diagnostic) ReadResult(ReadOnlyMemory<byte> body)
    {
        var outer = new AsnReader(body, AsnEncodingRules.BER);
        var result = outer.ReadSequence(outer.PeekTag());
        var code = result.ReadEnumeratedBytes().Span;
        var value = 0;
        foreach (var b in code)
        {
            value = (value << 8) | b;
        }

        _ = result.ReadOctetString(); // matched DN
        var diagnostic = System.Text.Encoding.UTF8.GetString(result.ReadOctetString());
        return (value, diagnostic);
    }

    // One whole BER message: SEQUENCE tag, a definite length of at most MaxMessage, the content.
    private async Task<byte[]> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var head = new byte[6];
        await _stream.ReadExactlyAsync(head.AsMemory(0, 2), cancellationToken);
        if (head[0] != 0x30)
        {
            throw new LdapException($"not an LDAP message (first byte 0x{head[0]:x2})");
        }

        int length;
        var headLength = 2;
        if (head[1] < 0x80)
        {
            length = head[1];
        }
        else
        {
            var octets = head[1] & 0x7f;
            if (octets is 0 or > 4)
            {
                throw new LdapException("an LDAP message with an indefinite or oversized length");
            }

            await _stream.ReadExactlyAsync(head.AsMemory(2, octets), cancellationToken);
            headLength += octets;
            long value = 0;
            for (var i = 0; i < octets; i++)
            {
                value = (value << 8) | head[2 + i];
            }

            length = value > MaxMessage ? throw new LdapException($"an LDAP message of {value} bytes (at most {MaxMessage})") : (int)value;
        }

        var message = new byte[headLength + length];
        head.AsSpan(0, headLength).CopyTo(message);
        await _stream.ReadExactlyAsync(message.AsMemory(headLength), cancellationToken);
        return message;
    }
}
