namespace MatchEngine.Cli;

/// <summary>What a fault-injection hook asks for at a step of writing the outputs (tests only).</summary>
internal enum FaultAction
{
    /// <summary>Carry on.</summary>
    None,

    /// <summary>Fail the step with an I/O error, as a full disk or a failing drive would.</summary>
    Fail,

    /// <summary>Stop dead at the step, as SIGKILL or a power cut would: no clean-up runs.</summary>
    Crash,

    /// <summary>Fail the step as a read-only folder would.</summary>
    Deny,
}

/// <summary>Thrown by a <see cref="FaultAction.Crash"/> to stop a run dead (tests only).</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
