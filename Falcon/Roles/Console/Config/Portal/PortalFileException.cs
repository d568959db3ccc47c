namespace Falcon.Roles.Console.Config.Portal;

/// <summary>A portal file that cannot be imported; the message names the place (line, list, object and field) at fault.</summary>
internal sealed class PortalFileException(string message, Exception? inner = null) : Exception(message, inner);
