using System.Net;

namespace Falcon.Shared.Tsdb;

/// <summary>The TSDB answered a query with an error (status "error", or a non-JSON failure); the message is the server's text.</summary>
internal sealed class PrometheusQueryException : Exception
{
    public PrometheusQueryException()
    {
    }

    public PrometheusQueryException(string message)
        : base(message)
    {
    }

    public PrometheusQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrometheusQueryException(string message, string? errorType, HttpStatusCode? statusCode)
        : base(message)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    /// <summary>The API's errorType (bad_data, execution, timeout...; VictoriaMetrics sends the HTTP status), if any.</summary>
    public string? ErrorType { get; }

    public HttpStatusCode? StatusCode { get; }
}
