//! What a `bootstrap` binary is built for, read from its ELF headers: the machine, and the glibc
//! symbol versions it needs from the system (`.gnu.version_r`).

use object::read::elf::{ElfFile64, FileHeader};
use object::Endianness;

/// A Linux executable's machine and the versioned glibc symbols it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElfInfo {
    /// `e_machine`: 62 for x86-64, 183 for AArch64.
    pub machine: u16,
    /// The version names the binary needs (`GLIBC_2.34`, `GCC_3.0`, ...), sorted, once each.
    pub needed_versions: Vec<String>,
}

/// Reads `bytes` as a 64-bit ELF executable.
///
/// ```
/// use lambda_stack_runtime::rust::bootstrap::elf::read_elf;
/// let me = std::fs::read(std::env::current_exe().unwrap()).unwrap();
/// let info = read_elf(&me).unwrap();
/// assert!(info.machine == 62 || info.machine == 183);
/// assert!(read_elf(b"#!/bin/sh\n").is_err());
/// ```
pub fn read_elf(bytes: &[u8]) -> Result<ElfInfo, String> {
    let file = ElfFile64::<Endianness>::parse(bytes).map_err(|e| format!("not a 64-bit ELF executable: {e}"))?;
    let endian = file.endian();
    let machine = file.elf_header().e_machine(endian);
    let sections = file.elf_section_table();
    let mut needed_versions = Vec::new();
    let invalid = |e: object::read::Error| format!("invalid ELF version needs: {e}");
    if let Some((mut needs, link)) = sections.gnu_verneed(endian, bytes).map_err(invalid)? {
        let strings = sections.strings(endian, bytes, link).map_err(invalid)?;
        while let Some((_, mut auxes)) = needs.next().map_err(invalid)? {
            while let Some(aux) = auxes.next().map_err(invalid)? {
                let name = aux.name(endian, strings).map_err(invalid)?;
                needed_versions.push(String::from_utf8_lossy(name).into_owned());
            }
        }
    }
    needed_versions.sort();
    needed_versions.dedup();
    Ok(ElfInfo { machine, needed_versions })
}
