namespace Falcon.Roles.ApiProxy.Prometheus;

/// <summary>A PromQL request beyond apiproxy's limits; answered 422 with Prometheus' error JSON (errorType `execution`).</summary>
internal sealed class PromLimitException : Exception
{
    public PromLimitException()
    {
    }

    public PromLimitException(string message)
        : base(message)
    {
    }

    public PromLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
