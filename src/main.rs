//! The `zongwu` command: see [`zongwu::cli`].

fn main() -> std::process::ExitCode {
    zongwu::cli::main()
}
