package io.cancelkit.cli;

import io.cancelkit.core.CancellerBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code cancelkit} command: {@code cancel}, {@code status} and {@code demo}.
 *
 * <p>Keys and scopes come from the environment function given to the constructor, so tests and
 * embedders can supply their own; {@link #main} uses {@link System#getenv(String)}.
 */
@Command(
    name = "cancelkit",
    mixinStandardHelpOptions = true,
    versionProvider = CancelkitCommand.Version.class,
    description = "Cancels long-running jobs on Layers, Plangrep, Scale Dex, Omni and Mogu.")
public final class CancelkitCommand implements Callable<Integer> {
  private static final String[] ENVIRONMENT = {
    "  layers    LAYERS_API_KEY",
    "  plangrep  PLANGREP_API_KEY",
    "  scale     SGP_API_KEY, SGP_ACCOUNT_ID, SGP_PROJECT_ID (or --project)",
    "  omni      OMNI_API_KEY, OMNI_INSTANCE (or --base-url)",
    "  mogu      MOGU_API_KEY",
  };

  @Spec CommandSpec spec;

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;

  /** A command that reads keys and scopes through {@code env}, such as {@code System::getenv}. */
  public CancelkitCommand(Function<String, String> env) {
    this(env, builder -> {});
  }

  /** For tests: {@code tuning} adjusts every canceller's builder (poll interval, backoff). */
  CancelkitCommand(Function<String, String> env, Consumer<CancellerBuilder<?>> tuning) {
    this.env = Objects.requireNonNull(env, "env == null");
    this.tuning = Objects.requireNonNull(tuning, "tuning == null");
  }

  /** Runs the command with the process environment and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(new CancelkitCommand(System::getenv).commandLine().execute(args));
  }

  /**
   * A {@link CommandLine} for this command with its subcommands, converters, exit codes and error
   * handlers; call {@link CommandLine#execute} on it.
   */
  public CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(new CancelCommand(env, tuning));
    cl.addSubcommand(new StatusCommand(env, tuning));
    cl.addSubcommand(new DemoCommand());
    cl.addSubcommand(new CommandLine.HelpCommand());
    // Registered after the subcommands were added, so that they apply to all of them.
    cl.registerConverter(Vendor.class, new Vendor.Converter());
    cl.registerConverter(Duration.class, new DurationConverter());
    cl.setParameterExceptionHandler(CancelkitCommand::usageError);
    cl.setExecutionExceptionHandler(CancelkitCommand::executionError);
    for (String name : new String[] {"cancelkit", "cancel", "status"}) {
      CommandLine c = name.equals("cancelkit") ? cl : cl.getSubcommands().get(name);
      UsageMessageSpec usage = c.getCommandSpec().usageMessage();
      usage.footerHeading("%nEnvironment (keys are never printed):%n").footer(ENVIRONMENT);
      usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
    }
    return cl;
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: cancel, status or demo");
  }

  /** One line for the mistake, a suggestion where picocli has one, and where to find help. */
  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("cancelkit: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int executionError(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (ex instanceof UsageException) {
      err.println("cancelkit: " + ex.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    // Outcomes and vendor errors are results, not exceptions; reaching this is a bug.
    err.println("cancelkit: internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** The version from the runnable jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CancelkitCommand.class.getPackage().getImplementationVersion();
      return new String[] {"cancelkit " + (v != null ? v : "(development build)")};
    }
  }
}
