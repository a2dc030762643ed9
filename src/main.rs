//! The `vanban` command.

/// mimalloc: a batch allocates and frees the same shapes thousands of
/// times on several threads; glibc's per-thread arenas kept growing
/// there, mimalloc keeps memory flat and is faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    vanban::cli::run()
}
