using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A stored key is a SHA-256 hex digest, never the key itself.</summary>
public sealed class KeyAuthCredentialValidator : EntityValidator<KeyAuthCredential>
{
    protected override void Validate(KeyAuthCredential credential, FieldErrors errors)
    {
        if (!KeyHash.IsWellFormed(credential.KeyHash))
        {
            errors.Add("key_hash", "expected a SHA-256 digest in lowercase hex (64 characters)");
        }
    }
}
