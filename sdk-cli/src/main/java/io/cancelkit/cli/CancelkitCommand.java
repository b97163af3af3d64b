package io.cancelkit.cli;

import io.cancelkit.core.BulkOptions;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * <p>The vendors are those whose modules are on the class path, found through their {@link
 * CancellerProvider}s; keys and base URLs come from the environment function given to the
 * constructor, read as each provider's {@code fromEnv} reads it, so tests and embedders can supply
 * their own. {@link #main} uses {@link System#getenv(String)}.
 */
@Command(
    name = "cancelkit",
    mixinStandardHelpOptions = true,
    versionProvider = CancelkitCommand.Version.class,
    description = "Cancels long-running jobs on the vendors whose modules are installed.")
public final class CancelkitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final Function<String, String> env;
  private final Consumer<CancellerBuilder<?>> tuning;
  private final Consumer<BulkOptions.Builder> bulkTuning;
  private final Io io;

  /**
   * A command that reads keys and base URLs through {@code env}, such as {@code System::getenv}.
   *
   * @param env a variable's name to its value, or null when unset
   * @throws NullPointerException if {@code env} is null
   */
  public CancelkitCommand(Function<String, String> env) {
    this(env, builder -> {}, options -> {}, Io.system(env));
  }

  /**
   * For tests: {@code tuning} adjusts every canceller's builder (poll interval, backoff), {@code
   * bulkTuning} every bulk run's options (rate limits against a simulator), and {@code io} stands
   * for the process's stdin and stderr.
   */
  CancelkitCommand(
      Function<String, String> env,
      Consumer<CancellerBuilder<?>> tuning,
      Consumer<BulkOptions.Builder> bulkTuning,
      Io io) {
    this.env = Objects.requireNonNull(env, "env == null");
    this.tuning = Objects.requireNonNull(tuning, "tuning == null");
    this.bulkTuning = Objects.requireNonNull(bulkTuning, "bulkTuning == null");
    this.io = Objects.requireNonNull(io, "io == null");
  }

  /**
   * Runs the command with the process environment and exits with its exit code.
   *
   * @param args the command line, such as {@code cancel layers:job_123}
   */
  public static void main(String[] args) {
    System.exit(new CancelkitCommand(System::getenv).commandLine().execute(args));
  }

  /**
   * A {@link CommandLine} for this command with its subcommands, converters, exit codes and error
   * handlers; call {@link CommandLine#execute} on it.
   *
   * @return a new command line; its {@code execute} returns the exit code that {@code --help}
   *     lists: 0 when every job ended {@code Cancelled}, {@code CancelPending} or {@code
   *     AlreadyFinished}, 2 for bad usage, 3 to 5 for {@code NotCancellable}, {@code NotFound} and
   *     {@code Failed}
   */
  public CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(new CancelCommand(env, tuning, bulkTuning, io));
    cl.addSubcommand(new StatusCommand(env, tuning));
    cl.addSubcommand(new DemoCommand(io));
    cl.addSubcommand(new CommandLine.HelpCommand());
    // Registered after the subcommands were added, so that they apply to all of them.
    cl.registerConverter(CancellerProvider.class, new Vendors.Converter());
    cl.registerConverter(OutputFormat.class, new OutputFormat.Converter());
    cl.registerConverter(Duration.class, new DurationConverter());
    cl.setParameterExceptionHandler(CancelkitCommand::usageError);
    cl.setExecutionExceptionHandler(CancelkitCommand::executionError);
    for (String name : new String[] {"cancelkit", "cancel", "status"}) {
      CommandLine c = name.equals("cancelkit") ? cl : cl.getSubcommands().get(name);
      UsageMessageSpec usage = c.getCommandSpec().usageMessage();
      usage.footerHeading("%nEnvironment (keys are never printed):%n").footer(Vendors.environmentHelp());
      usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
    }
    return cl;
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: cancel, status or demo");
  }

  /**
   * One line for the mistake, a suggestion where picocli has one, and where to find help; one JSON
   * object on stdout instead under {@code --output json|jsonl}.
   */
  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    if (jsonRequested(Arrays.asList(args))) return usageJson(cl, ex.getMessage());
    PrintWriter err = cl.getErr();
    err.println("cancelkit: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int executionError(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean json = jsonRequested(parsed.originalArgs());
    PrintWriter err = cl.getErr();
    if (ex instanceof UsageException) {
      if (json) return usageJson(cl, ex.getMessage());
      err.println("cancelkit: " + ex.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    // Outcomes and vendor errors are results, not exceptions; reaching this is a bug.
    err.println("cancelkit: internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    if (json) {
      cl.getOut().println(Output.toJson(Output.error("internal", ex.toString(), ExitCodes.INTERNAL)));
      cl.getOut().flush();
    }
    return ExitCodes.INTERNAL;
  }

  private static int usageJson(CommandLine cl, String message) {
    cl.getOut().println(Output.toJson(Output.error("usage", message, ExitCodes.USAGE)));
    cl.getOut().flush();
    return ExitCodes.USAGE;
  }

  /**
   * True when the arguments ask for {@code --output json} or {@code jsonl}; read from the raw
   * arguments, since a usage error may have stopped parsing before the option.
   */
  static boolean jsonRequested(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      if ((a.equals("--output") || a.equals("-o")) && i + 1 < args.size()) {
        value = args.get(i + 1);
      } else if (a.startsWith("--output=")) {
        value = a.substring("--output=".length());
      } else if (a.startsWith("-o") && a.length() > 2) {
        value = a.substring(a.charAt(2) == '=' ? 3 : 2);
      }
      OutputFormat f = value == null ? null : OutputFormat.parse(value);
      if (f != null && f.isJson()) return true;
    }
    return false;
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
