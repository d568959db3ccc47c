using System.Net;

namespace Falcon.Roles.ApiProxy.FalconApi;

/// <summary>An open-falcon api answered with an error status or with JSON that is not what its graph routes send.</summary>
internal sealed class FalconApiException : Exception
{
    public FalconApiException()
    {
    }

    public FalconApiException(string message)
        : base(message)
    {
    }

    public FalconApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FalconApiException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode? StatusCode { get; }
}
