using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// The headers an auth plugin sends upstream about the consumer, as Kong's set_consumer does: each
/// is set from the consumer and credential, or removed, so a client cannot pass its own.
/// </summary>
public static class ConsumerHeaders
{
    public const string ConsumerId = "X-Consumer-ID";
    public const string CustomId = "X-Consumer-Custom-ID";
    public const string Username = "X-Consumer-Username";
    public const string CredentialIdentifier = "X-Credential-Identifier";
    public const string Anonymous = "X-Anonymous-Consumer";

    /// <summary>Sets the headers; the credential is identified by its id unless the plugin names it otherwise (basic-auth: its username).</summary>
    public static void Set(IHeaderDictionary headers, Consumer consumer, ConfigEntity? credential, string? credentialIdentifier = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(consumer);
        headers[ConsumerId] = consumer.Id.ToString();
        SetOrRemove(headers, CustomId, consumer.CustomId);
        SetOrRemove(headers, Username, consumer.Username);
        SetOrRemove(headers, CredentialIdentifier, credential is null ? null : credentialIdentifier ?? credential.Id.ToString());
        SetOrRemove(headers, Anonymous, credential is null ? "true" : null);
    }

    private static void SetOrRemove(IHeaderDictionary headers, string name, string? value)
    {
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }
    }
}
