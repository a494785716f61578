namespace Registry.Server.Rpc;

/// <summary>A command the domain refuses in the state it is in: FAILED_PRECONDITION with a google.rpc.PreconditionFailure.</summary>
internal sealed class RuleViolatedException(string reason) : Exception(reason);
