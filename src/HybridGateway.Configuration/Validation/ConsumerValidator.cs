using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A consumer needs a username or a custom_id.</summary>
public sealed class ConsumerValidator : EntityValidator<Consumer>
{
    protected override void Validate(Consumer consumer, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(consumer.Username) && string.IsNullOrEmpty(consumer.CustomId))
        {
            errors.Add("@entity", "at least one of these fields must be non-empty: 'custom_id', 'username'");
        }
        if (consumer.Username is { } username && Names.Addressable(username) is { } usernameError)
        {
            errors.Add("username", usernameError);
        }
        if (consumer.CustomId is { Length: > Names.MaxLength })
        {
            errors.Add("custom_id", "length must be at most " + Names.MaxLength);
        }
    }
}
