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
    }
}
