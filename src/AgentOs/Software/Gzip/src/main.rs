//! gzip, gunzip and zcat for the VM, following GNU gzip 1.12's command line, messages and exit statuses (0 OK,
//! 1 error, 2 warning). One module: argv[0] "gunzip" (or "un…"/"gun…") decompresses, "zcat" (or "?cat"/"gzcat")
//! decompresses to stdout, like GNU. Messages name "gzip", as Debian's gunzip and zcat scripts (`exec gzip -d`) do.
//! Deflate is miniz_oxide's, so compressed bytes (and the ratios of -l and -v) differ from GNU's, the format not.
//! A plain wasm32-wasip1 program: relative paths are resolved against $PWD here (the preopen is "/").

use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::inflate::stream::InflateState;
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;
use std::os::wasi::io::{AsRawFd, FromRawFd};
use std::time::{SystemTime, UNIX_EPOCH};

const OK: i32 = 0;
const ERROR: i32 = 1;
const WARNING: i32 = 2;
const PROG: &str = "gzip";
const BUF: usize = 64 * 1024;

mod wasi {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        pub fn fd_fdstat_get(fd: u32, buf: *mut u8) -> u16;
        pub fn fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u16) -> u16;
    }
}

/// wasi-libc's isatty: a character device without the seek/tell rights.
fn isatty(fd: u32) -> bool {
    let mut stat = [0u64; 3];
    if unsafe { wasi::fd_fdstat_get(fd, stat.as_mut_ptr() as *mut u8) } != 0 {
        return false;
    }
    let filetype = (stat[0] & 0xff) as u8;
    filetype == 2 && stat[1] & ((1 << 2) | (1 << 5)) == 0
}

fn set_times(file: &File, atime_ns: u64, mtime_ns: u64) {
    unsafe {
        wasi::fd_filestat_set_times(file.as_raw_fd() as u32, atime_ns, mtime_ns, 1 | 4);
    }
}

fn raw_file(fd: i32) -> ManuallyDrop<File> {
    ManuallyDrop::new(unsafe { File::from_raw_fd(fd) })
}

fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn ns(t: io::Result<SystemTime>) -> Option<u64> {
    t.ok()?.duration_since(UNIX_EPOCH).ok().map(|d| d.as_nanos() as u64)
}

#[derive(Clone)]
struct Opts {
    to_stdout: bool,
    decompress: bool,
    force: u32,
    keep: bool,
    list: bool,
    test: bool,
    quiet: bool,
    verbose: bool,
    recursive: bool,
    no_name: i32,
    no_time: i32,
    level: u32,
    suffix: String,
}

/// Buffered input that knows how much it has read.
struct Input<'a> {
    r: &'a mut dyn Read,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    total: u64,
}

impl<'a> Input<'a> {
    fn new(r: &'a mut dyn Read) -> Self {
        Input { r, buf: vec![0; BUF], pos: 0, len: 0, eof: false, total: 0 }
    }

    /// Makes bytes available; false at end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.len {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.r.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                    self.total += n as u64;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn try_byte(&mut self) -> io::Result<Option<u8>> {
        if !self.fill()? {
            return Ok(None);
        }
        self.pos += 1;
        Ok(Some(self.buf[self.pos - 1]))
    }

    fn avail(&self) -> &[u8] {
        &self.buf[self.pos..self.len]
    }
}

/// Why a file's processing stopped; the message is already printed and the exit code set.
struct Failed;

enum Fail {
    Eof,
    Read(io::Error),
    Write(io::Error),
    Data(&'static str),
}

enum Out<'a> {
    Null,
    W(&'a mut dyn Write),
}

impl<'a> Out<'a> {
    fn write(&mut self, data: &[u8]) -> Result<(), Fail> {
        match self {
            Out::Null => Ok(()),
            Out::W(w) => w.write_all(data).map_err(Fail::Write),
        }
    }
}

/// What a header read found.
enum Method {
    Deflate,
    Copy(Vec<u8>),
    /// Trailing garbage or zeros after a member: done, with the warning printed.
    End,
}

struct Gzip {
    o: Opts,
    exit_code: i32,
    ifname: String,
    ofname: String,
    part_nb: u32,
    header_bytes: i64,
    bytes_in: i64,
    bytes_out: i64,
    total_in: i64,
    total_out: i64,
    first_list: bool,
    /// The header's time stamp (seconds) when it is to be used.
    stamp: Option<u64>,
    /// The input's mtime in ns, or none.
    time_stamp: Option<u64>,
    pwd: Option<String>,
    /// The output file being written, removed when the run is aborted.
    partial: Option<String>,
}

fn read_fail(f: io::Error) -> Fail {
    Fail::Read(f)
}

impl Gzip {
    fn warn(&mut self, msg: &str) {
        if !self.o.quiet {
            eprint!("{}", msg);
        }
        if self.exit_code == OK {
            self.exit_code = WARNING;
        }
    }

    fn error(&mut self, msg: &str) {
        eprint!("{}", msg);
        self.exit_code = ERROR;
    }

    /// GNU's progerror: printed even with -q.
    fn progerror(&mut self, name: &str, e: &io::Error) {
        eprintln!("{}: {}: {}", PROG, name, strerror(e));
        self.exit_code = ERROR;
    }

    /// Reports a failure. Bad data fails the file; an input or output error (a truncated input is one) ends the
    /// whole run after removing the partial output, as GNU's read_error/write_error (abort_gzip) do.
    fn report(&mut self, f: Fail) -> Failed {
        match f {
            Fail::Data(m) => {
                self.error(&format!("\n{}: {}: {}\n", PROG, self.ifname, m));
                return Failed;
            }
            Fail::Eof => eprint!("\n{}: {}: unexpected end of file\n", PROG, self.ifname),
            Fail::Read(e) => eprintln!("{}: {}: {}", PROG, self.ifname, strerror(&e)),
            // GNU gzip dies of SIGPIPE, silently.
            Fail::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            Fail::Write(e) => eprintln!("{}: {}: {}", PROG, self.ofname, strerror(&e)),
        }
        if let Some(path) = self.partial.take() {
            let _ = fs::remove_file(path);
        }
        std::process::exit(ERROR);
    }

    fn real_path(&self, name: &str) -> String {
        match &self.pwd {
            Some(pwd) if !name.starts_with('/') => format!("{}/{}", pwd.trim_end_matches('/'), name),
            _ => name.to_string(),
        }
    }

    /// The known suffix that `name` ends with (case-insensitively), as its byte offset.
    fn get_suffix(&self, name: &str) -> Option<usize> {
        let lower = name.to_ascii_lowercase();
        let known = [self.o.suffix.as_str(), ".gz", ".z", ".taz", ".tgz", "-gz", "-z", "_z"];
        for s in known {
            if s.is_empty() {
                continue;
            }
            if lower.len() > s.len() && lower.ends_with(s) {
                let at = lower.len() - s.len();
                if lower.as_bytes()[at - 1] != b'/' && name.is_char_boundary(at) {
                    return Some(at);
                }
            }
        }
        None
    }

    // ---- header ----

    fn get_byte(inp: &mut Input) -> Result<u8, Fail> {
        inp.try_byte().map_err(read_fail)?.ok_or(Fail::Eof)
    }

    /// GNU get_method. Err(Failed) when the member could not be started (message printed).
    fn get_method(&mut self, inp: &mut Input) -> Result<Method, Failed> {
        match self.get_method_inner(inp) {
            Ok(m) => Ok(m),
            Err(Some(f)) => Err(self.report(f)),
            Err(None) => Err(Failed),
        }
    }

    fn get_method_inner(&mut self, inp: &mut Input) -> Result<Method, Option<Fail>> {
        let copy_ok = self.o.force > 0 && self.o.to_stdout && !self.o.list;
        let (m0, m1): (Option<u8>, Option<u8>);
        if copy_ok {
            m0 = inp.try_byte().map_err(|e| Some(Fail::Read(e)))?;
            m1 = inp.try_byte().map_err(|e| Some(Fail::Read(e)))?;
        } else {
            let b0 = Self::get_byte(inp).map_err(Some)?;
            m0 = Some(b0);
            m1 = if b0 != 0 { Some(Self::get_byte(inp).map_err(Some)?) } else { inp.try_byte().map_err(|e| Some(Fail::Read(e)))? };
        }
        self.part_nb += 1;
        self.header_bytes = 0;
        let start_total = inp.total - (inp.len - inp.pos) as u64 - 2;
        if m0 == Some(0x1f) && (m1 == Some(0x8b) || m1 == Some(0x9e)) {
            let method = Self::get_byte(inp).map_err(Some)?;
            if method != 8 {
                self.error(&format!("{}: {}: unknown method {} -- not supported\n", PROG, self.ifname, method));
                return Err(None);
            }
            let flags = Self::get_byte(inp).map_err(Some)?;
            if flags & 0x20 != 0 {
                self.error(&format!("{}: {} is encrypted -- not supported\n", PROG, self.ifname));
                return Err(None);
            }
            if flags & 0xc0 != 0 {
                self.error(&format!("{}: {} has flags 0x{:x} -- not supported\n", PROG, self.ifname, flags));
                if self.o.force <= 1 {
                    return Err(None);
                }
            }
            let mut stamp = 0u64;
            for i in 0..4 {
                stamp |= (Self::get_byte(inp).map_err(Some)? as u64) << (8 * i);
            }
            if stamp != 0 && self.o.no_time == 0 {
                self.stamp = Some(stamp);
            }
            Self::get_byte(inp).map_err(Some)?;
            Self::get_byte(inp).map_err(Some)?;
            if flags & 0x04 != 0 {
                let len = Self::get_byte(inp).map_err(Some)? as u32 | (Self::get_byte(inp).map_err(Some)? as u32) << 8;
                if self.o.verbose {
                    eprintln!("{}: {}: extra field of {} bytes ignored", PROG, self.ifname, len);
                }
                for _ in 0..len {
                    Self::get_byte(inp).map_err(Some)?;
                }
            }
            if flags & 0x08 != 0 {
                let mut name = Vec::new();
                loop {
                    let b = Self::get_byte(inp).map_err(Some)?;
                    if b == 0 {
                        break;
                    }
                    name.push(b);
                }
                if !(self.o.no_name != 0 || (self.o.to_stdout && !self.o.list) || self.part_nb > 1) {
                    let name = String::from_utf8_lossy(&name).into_owned();
                    let base = name.rsplit('/').next().unwrap_or("").to_string();
                    if !base.is_empty() {
                        let dir_end = self.ofname.rfind('/').map(|i| i + 1).unwrap_or(0);
                        self.ofname = format!("{}{}", &self.ofname[..dir_end], base);
                    }
                }
            }
            if flags & 0x10 != 0 {
                while Self::get_byte(inp).map_err(Some)? != 0 {}
            }
            if flags & 0x02 != 0 {
                Self::get_byte(inp).map_err(Some)?;
                Self::get_byte(inp).map_err(Some)?;
            }
            if self.part_nb == 1 {
                let now = inp.total - (inp.len - inp.pos) as u64;
                self.header_bytes = (now - start_total) as i64 + 8;
            }
            return Ok(Method::Deflate);
        }
        if copy_ok && self.part_nb == 1 {
            let mut head = Vec::new();
            if let Some(b) = m0 {
                head.push(b);
            }
            if let Some(b) = m1 {
                head.push(b);
            }
            return Ok(Method::Copy(head));
        }
        if self.part_nb == 1 {
            self.error(&format!("\n{}: {}: not in gzip format\n", PROG, self.ifname));
            return Err(None);
        }
        if m0 == Some(0) {
            let mut b = m1;
            while b == Some(0) {
                b = inp.try_byte().map_err(|e| Some(Fail::Read(e)))?;
            }
            if b.is_none() {
                if self.o.verbose {
                    self.warn(&format!("\n{}: {}: decompression OK, trailing zero bytes ignored\n", PROG, self.ifname));
                }
                return Ok(Method::End);
            }
        }
        self.warn(&format!("\n{}: {}: decompression OK, trailing garbage ignored\n", PROG, self.ifname));
        Ok(Method::End)
    }

    // ---- decompression ----

    fn unzip(&mut self, inp: &mut Input, out: &mut Out) -> Result<(), Fail> {
        let mut state = InflateState::new_boxed(DataFormat::Raw);
        let mut obuf = vec![0u8; BUF];
        let mut crc = crc32fast::Hasher::new();
        let mut size: u64 = 0;
        loop {
            let more = inp.fill().map_err(Fail::Read)?;
            let r = miniz_oxide::inflate::stream::inflate(&mut state, inp.avail(), &mut obuf, MZFlush::None);
            inp.pos += r.bytes_consumed;
            if r.bytes_written > 0 {
                crc.update(&obuf[..r.bytes_written]);
                size += r.bytes_written as u64;
                out.write(&obuf[..r.bytes_written])?;
            }
            match r.status {
                Ok(MZStatus::StreamEnd) => break,
                Ok(_) | Err(MZError::Buf) => {}
                Err(_) => return Err(Fail::Data("invalid compressed data--format violated")),
            }
            if !more && r.bytes_written == 0 {
                return Err(Fail::Eof);
            }
        }
        let mut trailer = [0u8; 8];
        for b in trailer.iter_mut() {
            *b = Self::get_byte(inp)?;
        }
        let want_crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let want_len = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        self.bytes_out = size as i64;
        if want_crc != crc.finalize() {
            return Err(Fail::Data("invalid compressed data--crc error"));
        }
        if want_len != size as u32 {
            return Err(Fail::Data("invalid compressed data--length error"));
        }
        Ok(())
    }

    fn copy(&mut self, head: &[u8], inp: &mut Input, out: &mut Out) -> Result<(), Fail> {
        out.write(head)?;
        let mut n = head.len() as i64;
        while inp.fill().map_err(Fail::Read)? {
            let len = inp.avail().len();
            out.write(&inp.buf[inp.pos..inp.len])?;
            inp.pos += len;
            n += len as i64;
        }
        self.bytes_out = n;
        Ok(())
    }

    /// Decompresses every member after the first header was read: Ok(true) when the input ended after a member,
    /// Ok(false) when trailing garbage or zeros followed (GNU's get_method -2/-3), Err on bad data or a bad header.
    fn decompress_all(&mut self, first: Method, inp: &mut Input, out: &mut Out) -> Result<bool, Failed> {
        let mut method = first;
        loop {
            match method {
                Method::Deflate => {
                    if let Err(f) = self.unzip(inp, out) {
                        return Err(self.report(f));
                    }
                }
                Method::Copy(head) => {
                    if let Err(f) = self.copy(&head, inp, out) {
                        return Err(self.report(f));
                    }
                    return Ok(true);
                }
                Method::End => return Ok(false),
            }
            match inp.fill() {
                Ok(true) => {}
                Ok(false) => return Ok(true),
                Err(e) => return Err(self.report(Fail::Read(e))),
            }
            method = match self.get_method(inp) {
                Ok(m) => m,
                Err(Failed) => return Err(Failed),
            };
            self.bytes_out = 0;
        }
    }

    // ---- compression ----

    fn zip(&mut self, inp: &mut dyn Read, out: &mut Out, name: Option<&str>, mtime: u32) -> Result<(), Fail> {
        let level = self.o.level;
        let mut header = vec![0x1f, 0x8b, 8, if name.is_some() { 0x08 } else { 0 }];
        header.extend_from_slice(&mtime.to_le_bytes());
        header.push(if level == 1 { 4 } else if level == 9 { 2 } else { 0 });
        header.push(3);
        if let Some(n) = name {
            header.extend_from_slice(n.as_bytes());
            header.push(0);
        }
        out.write(&header)?;
        self.header_bytes = header.len() as i64 + 8;
        let mut comp = CompressorOxide::new(create_comp_flags_from_zip_params(level as i32, -15, 0));
        let mut ibuf = vec![0u8; BUF];
        let mut obuf = vec![0u8; BUF];
        let mut crc = crc32fast::Hasher::new();
        let mut size: u64 = 0;
        let mut written = header.len() as u64;
        loop {
            let n = loop {
                match inp.read(&mut ibuf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Fail::Read(e)),
                }
            };
            crc.update(&ibuf[..n]);
            size += n as u64;
            let flush = if n == 0 { MZFlush::Finish } else { MZFlush::None };
            let mut data = &ibuf[..n];
            loop {
                let r = miniz_oxide::deflate::stream::deflate(&mut comp, data, &mut obuf, flush);
                data = &data[r.bytes_consumed..];
                out.write(&obuf[..r.bytes_written])?;
                written += r.bytes_written as u64;
                match r.status {
                    Ok(MZStatus::StreamEnd) => break,
                    Ok(_) | Err(MZError::Buf) => {
                        if flush == MZFlush::None && data.is_empty() && r.bytes_written < obuf.len() {
                            break;
                        }
                        if r.bytes_consumed == 0 && r.bytes_written == 0 && flush == MZFlush::None {
                            break;
                        }
                    }
                    Err(_) => return Err(Fail::Data("internal error in deflate")),
                }
            }
            if n == 0 {
                break;
            }
        }
        let mut trailer = crc.finalize().to_le_bytes().to_vec();
        trailer.extend_from_slice(&(size as u32).to_le_bytes());
        out.write(&trailer)?;
        written += 8;
        self.bytes_in = size as i64;
        self.bytes_out = written as i64;
        Ok(())
    }

    // ---- listing ----

    fn display_ratio(num: i64, den: i64) -> String {
        let r = if den == 0 { 0.0 } else { 100.0 * num as f64 / den as f64 };
        format!("{:5.1}%", r)
    }

    fn do_list(&mut self, crc: Option<u32>, bytes_in: i64, bytes_out: i64, mtime: Option<u64>) {
        if self.first_list {
            self.first_list = false;
            if self.o.verbose {
                print!("method  crc     date  time  ");
            }
            if !self.o.quiet {
                println!("{:>19} {:>19}  ratio uncompressed_name", "compressed", "uncompressed");
            }
        }
        let mut line = String::new();
        if self.o.verbose {
            line.push_str(&format!("defla {:08x} ", crc.unwrap_or(0xffff_ffff)));
            match mtime {
                Some(t) => {
                    let (mon, day, hour, min) = civil(t as i64);
                    const M: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                    line.push_str(&format!("{}{:3} {:02}:{:02} ", M[mon], day, hour, min));
                }
                None => line.push_str("??? ?? ??:?? "),
            }
        }
        line.push_str(&format!("{:>19} {:>19} ", bytes_in, bytes_out));
        let (mut bi, mut bo) = (bytes_in, bytes_out);
        if bi == -1 {
            self.total_in = -1;
            bi = 0;
            bo = 0;
            self.header_bytes = 0;
        } else if self.total_in >= 0 {
            self.total_in += bi;
        }
        if bytes_out == -1 {
            self.total_out = -1;
            bi = 0;
            bo = 0;
            self.header_bytes = 0;
        } else if self.total_out >= 0 {
            self.total_out += bo;
        }
        line.push_str(&Self::display_ratio(bo - (bi - self.header_bytes), bo));
        println!("{} {}", line, self.ofname);
    }

    fn list_totals(&mut self) {
        if self.total_in <= 0 || self.total_out <= 0 {
            return;
        }
        let mut line = String::new();
        if self.o.verbose {
            line.push_str("                            ");
        }
        line.push_str(&format!("{:>19} {:>19} ", self.total_in, self.total_out));
        line.push_str(&Self::display_ratio(self.total_out - (self.total_in - self.header_bytes), self.total_out));
        println!("{} (totals)", line);
    }

    /// Reads the trailer at the end of a seekable file for -l.
    fn list_file(&mut self, file: &mut File, size: i64) {
        let mut crc = None;
        let mut bytes_in = size;
        let mut bytes_out = -1;
        if file.seek(SeekFrom::End(-8)).is_ok() {
            let mut t = [0u8; 8];
            if file.read_exact(&mut t).is_ok() {
                crc = Some(u32::from_le_bytes([t[0], t[1], t[2], t[3]]));
                bytes_out = u32::from_le_bytes([t[4], t[5], t[6], t[7]]) as i64;
            }
        } else {
            bytes_in = -1;
        }
        let mtime = self.list_mtime();
        self.do_list(crc, bytes_in, bytes_out, mtime);
    }

    fn list_mtime(&self) -> Option<u64> {
        self.stamp.or(self.time_stamp.map(|t| t / 1_000_000_000))
    }

    // ---- files ----

    fn treat_stdin(&mut self) {
        if self.o.force == 0 && !self.o.list && isatty(if self.o.decompress { 0 } else { 1 }) {
            eprintln!(
                "{}: compressed data not {} a terminal. Use -f to force {}compression.",
                PROG,
                if self.o.decompress { "read from" } else { "written to" },
                if self.o.decompress { "de" } else { "" }
            );
            eprintln!("For help, type: {} -h", PROG);
            std::process::exit(ERROR);
        }
        self.ifname = "stdin".into();
        self.ofname = "stdout".into();
        let saved = self.o.to_stdout;
        self.o.to_stdout = true;
        let mut stdin = raw_file(0);
        let meta = stdin.metadata().ok();
        let regular = meta.as_ref().map(|m| m.is_file()).unwrap_or(false);
        self.time_stamp = None;
        self.stamp = None;
        if self.o.no_time == 0 || self.o.list {
            // GNU 1.12: a pipe's time stamp is 0 (no mtime in the header, the epoch in -lv).
            self.time_stamp = if regular { ns(meta.as_ref().unwrap().modified()) } else { Some(0) };
        }
        self.part_nb = 0;
        let mut stdout = raw_file(1);
        let test = self.o.test;
        if self.o.decompress {
            let mut rd: &mut File = &mut stdin;
            let mut inp = Input::new(&mut rd);
            let method = match self.get_method(&mut inp) {
                Ok(m) => m,
                Err(Failed) => std::process::exit(self.exit_code),
            };
            if self.o.list {
                // Read to the end for the trailer (GNU seeks, which a pipe cannot).
                let mut last = Vec::new();
                last.extend_from_slice(inp.avail());
                let mut tail: Vec<u8> = last;
                loop {
                    inp.pos = inp.len;
                    match inp.fill() {
                        Ok(true) => {
                            tail.extend_from_slice(inp.avail());
                            if tail.len() > 8 {
                                tail.drain(..tail.len() - 8);
                            }
                        }
                        _ => break,
                    }
                }
                let total = inp.total as i64;
                if tail.len() >= 8 {
                    let t = &tail[tail.len() - 8..];
                    let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
                    let out = u32::from_le_bytes([t[4], t[5], t[6], t[7]]) as i64;
                    let mtime = self.list_mtime();
                    self.do_list(Some(crc), total, out, mtime);
                }
                self.o.to_stdout = saved;
                return;
            }
            let mut w: &mut File = &mut stdout;
            let mut out = if test { Out::Null } else { Out::W(&mut w) };
            let result = self.decompress_all(method, &mut inp, &mut out);
            // GNU's treat_stdin returns before its " OK" after trailing garbage or zeros.
            if matches!(result, Ok(true)) && self.o.verbose && test {
                eprintln!(" OK");
            }
        } else {
            let mut w: &mut File = &mut stdout;
            let mut out = Out::W(&mut w);
            let mtime = if self.o.no_time == 0 { self.time_stamp.map(|t| (t / 1_000_000_000) as u32).unwrap_or(0) } else { 0 };
            let mut rd: &mut File = &mut stdin;
            match self.zip(&mut rd, &mut out, None, mtime) {
                Ok(()) => {
                    if self.o.verbose {
                        eprintln!("{}", Self::display_ratio(self.bytes_in - (self.bytes_out - self.header_bytes), self.bytes_in));
                    }
                }
                Err(f) => {
                    self.report(f);
                }
            }
        }
        self.o.to_stdout = saved;
    }

    fn open_input(&mut self, iname: &str) -> Option<(File, fs::Metadata)> {
        self.ifname = iname.to_string();
        // Like GNU's O_NOFOLLOW: a symlink is refused unless writing to stdout or forced.
        let nofollow = !self.o.to_stdout && self.o.force == 0;
        let try_open = |g: &Self, name: &str| -> io::Result<(File, fs::Metadata)> {
            let path = g.real_path(name);
            if nofollow && fs::symlink_metadata(&path)?.file_type().is_symlink() {
                return Err(io::Error::new(io::ErrorKind::Other, "Too many levels of symbolic links"));
            }
            let meta = fs::metadata(&path)?;
            let file = File::open(&path)?;
            Ok((file, meta))
        };
        match try_open(self, iname) {
            Ok(r) => return Some(r),
            Err(e) => {
                if !self.o.decompress || e.kind() != io::ErrorKind::NotFound || self.get_suffix(iname).is_some() {
                    self.progerror(iname, &e);
                    return None;
                }
                let mut first_err = e;
                let z = self.o.suffix.clone();
                for (i, s) in [z.as_str(), ".gz", ".z", "-z", ".Z"].iter().enumerate() {
                    if i > 0 && *s == z {
                        continue;
                    }
                    let name = format!("{}{}", iname, s);
                    match try_open(self, &name) {
                        Ok(r) => {
                            self.ifname = name;
                            return Some(r);
                        }
                        Err(e2) => {
                            if e2.kind() != io::ErrorKind::NotFound {
                                self.progerror(&name, &e2);
                                return None;
                            }
                            if i == 0 {
                                first_err = e2;
                            }
                        }
                    }
                }
                let name = format!("{}{}", iname, z);
                self.progerror(&name, &first_err);
                None
            }
        }
    }

    fn make_ofname(&mut self) -> i32 {
        let ifname = self.ifname.clone();
        let suff = self.get_suffix(&ifname);
        if self.o.decompress {
            match suff {
                None => {
                    if !self.o.recursive && (self.o.list || self.o.test) {
                        self.ofname = ifname;
                        return OK;
                    }
                    if self.o.verbose || (!self.o.recursive && !self.o.quiet) {
                        self.warn(&format!("{}: {}: unknown suffix -- ignored\n", PROG, ifname));
                    }
                    WARNING
                }
                Some(at) => {
                    let s = ifname[at..].to_ascii_lowercase();
                    self.ofname = if s == ".tgz" || s == ".taz" { format!("{}.tar", &ifname[..at]) } else { ifname[..at].to_string() };
                    OK
                }
            }
        } else if let (Some(at), 0) = (suff, self.o.force) {
            if self.o.verbose || (!self.o.recursive && !self.o.quiet) {
                eprintln!("{}: {} already has {} suffix -- unchanged", PROG, ifname, &ifname[at..]);
            }
            WARNING
        } else {
            self.ofname = format!("{}{}", ifname, self.o.suffix);
            OK
        }
    }

    fn treat_dir(&mut self, dir: &str) {
        let path = self.real_path(dir);
        let entries = match fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) => {
                self.progerror(dir, &e);
                return;
            }
        };
        let mut names: Vec<String> = entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for n in names {
            if n == "." || n == ".." {
                continue;
            }
            let child = if dir.ends_with('/') { format!("{}{}", dir, n) } else { format!("{}/{}", dir, n) };
            self.treat_file(&child);
        }
    }

    /// Output exists: GNU check_ofname. True to go on.
    fn check_ofname(&mut self) -> bool {
        let path = self.real_path(&self.ofname);
        if fs::symlink_metadata(&path).is_err() {
            return true;
        }
        if self.o.force == 0 {
            let mut ok = false;
            eprint!("{}: {} already exists;", PROG, self.ofname);
            if isatty(0) {
                eprint!(" do you wish to overwrite (y or n)? ");
                let mut line = String::new();
                let _ = io::stdin().read_line(&mut line);
                ok = line.trim_start().starts_with(['y', 'Y']);
            }
            if !ok {
                eprintln!("\tnot overwritten");
                if self.exit_code == OK {
                    self.exit_code = WARNING;
                }
                return false;
            }
        }
        if let Err(e) = fs::remove_file(&path) {
            let name = self.ofname.clone();
            self.progerror(&name, &e);
            return false;
        }
        true
    }

    fn treat_file(&mut self, iname: &str) {
        if iname == "-" {
            self.treat_stdin();
            return;
        }
        let (mut file, meta) = match self.open_input(iname) {
            Some(r) => r,
            None => return,
        };
        let ifname = self.ifname.clone();
        if meta.is_dir() {
            drop(file);
            if self.o.recursive {
                self.treat_dir(&ifname);
            } else {
                self.warn(&format!("{}: {} is a directory -- ignored\n", PROG, ifname));
            }
            return;
        }
        if !self.o.to_stdout && !meta.is_file() {
            self.warn(&format!("{}: {} is not a directory or a regular file - ignored\n", PROG, ifname));
            return;
        }
        let ifile_size = if meta.is_file() { meta.len() as i64 } else { -1 };
        self.time_stamp = None;
        self.stamp = None;
        if self.o.no_time == 0 || self.o.list {
            self.time_stamp = ns(meta.modified());
        }
        if self.o.to_stdout && !self.o.list && !self.o.test {
            self.ofname = "stdout".into();
        } else if self.make_ofname() != OK {
            return;
        }
        self.part_nb = 0;
        self.bytes_in = 0;
        self.bytes_out = 0;

        if self.o.decompress {
            {
                let mut rd: &mut File = &mut file;
                let mut inp = Input::new(&mut rd);
                let method = match self.get_method(&mut inp) {
                    Ok(m) => m,
                    Err(Failed) => return,
                };
                if self.o.list {
                    // GNU 1.12 decompresses the whole file first; after trailing garbage or zeros, or bad data,
                    // its do_list gets a negative method and prints the totals so far instead of the file.
                    let clean = self.decompress_all(method, &mut inp, &mut Out::Null);
                    drop(inp);
                    if matches!(clean, Ok(true)) {
                        self.list_file(&mut file, ifile_size);
                    } else {
                        self.list_totals();
                    }
                    return;
                }
                self.decompress_file(method, &mut inp, &meta);
            }
            return;
        }

        // Compression.
        let mut target: Option<File> = None;
        if !self.o.to_stdout {
            if !self.check_ofname() {
                return;
            }
            match OpenOptions::new().write(true).create_new(true).open(self.real_path(&self.ofname)) {
                Ok(f) => {
                    target = Some(f);
                    self.partial = Some(self.real_path(&self.ofname));
                }
                Err(e) => {
                    let name = self.ofname.clone();
                    self.progerror(&name, &e);
                    return;
                }
            }
        }
        if self.o.verbose {
            eprint!("{}:\t", ifname);
        }
        let name = if self.o.no_name == 0 { Some(ifname.rsplit('/').next().unwrap_or(&ifname).to_string()) } else { None };
        let mtime = if self.o.no_time == 0 { self.time_stamp.map(|t| (t / 1_000_000_000) as u32).unwrap_or(0) } else { 0 };
        let result = {
            let mut stdout = raw_file(1);
            let mut w: &mut File = match target.as_mut() {
                Some(f) => f,
                None => &mut stdout,
            };
            let mut out = Out::W(&mut w);
            let mut rd: &mut File = &mut file;
            self.zip(&mut rd, &mut out, name.as_deref(), mtime)
        };
        let result = match result {
            Ok(()) => Ok(()),
            Err(f) => Err(self.report(f)),
        };
        self.finish(result, target, &meta);
    }

    fn decompress_file(&mut self, method: Method, inp: &mut Input, meta: &fs::Metadata) {
        let mut target: Option<File> = None;
        if !self.o.to_stdout {
            if !self.check_ofname() {
                return;
            }
            match OpenOptions::new().write(true).create_new(true).open(self.real_path(&self.ofname)) {
                Ok(f) => {
                    target = Some(f);
                    self.partial = Some(self.real_path(&self.ofname));
                }
                Err(e) => {
                    let name = self.ofname.clone();
                    self.progerror(&name, &e);
                    return;
                }
            }
        }
        if self.o.verbose {
            eprint!("{}:\t", self.ifname);
        }
        let result = {
            let mut stdout = raw_file(1);
            let test = self.o.test;
            let mut w: &mut File = match target.as_mut() {
                Some(f) => f,
                None => &mut stdout,
            };
            let mut out = if test { Out::Null } else { Out::W(&mut w) };
            self.decompress_all(method, inp, &mut out).map(|_| ())
        };
        // Whatever was read: GNU counts all of its reads.
        while let Ok(true) = inp.fill() {
            inp.pos = inp.len;
        }
        self.bytes_in = inp.total as i64;
        self.finish(result, target, meta);
    }

    /// After the work: times, removal of the input or of a failed output, the verbose line.
    fn finish(&mut self, result: Result<(), Failed>, target: Option<File>, meta: &fs::Metadata) {
        self.partial = None;
        if let Some(f) = target {
            let atime = ns(meta.accessed()).unwrap_or(0);
            let mut mtime = ns(meta.modified()).unwrap_or(0);
            if self.o.decompress {
                if let Some(s) = self.stamp {
                    mtime = s * 1_000_000_000;
                }
            }
            set_times(&f, atime, mtime);
            drop(f);
            if result.is_err() {
                let _ = fs::remove_file(self.real_path(&self.ofname));
                return;
            }
            if !self.o.keep {
                if let Err(e) = fs::remove_file(self.real_path(&self.ifname)) {
                    let name = self.ifname.clone();
                    self.progerror(&name, &e);
                }
            }
        }
        if result.is_err() {
            return;
        }
        if self.o.verbose {
            let mut line = String::new();
            if self.o.test {
                line.push_str(" OK");
            } else if self.o.decompress {
                line.push_str(&Self::display_ratio(self.bytes_out - (self.bytes_in - self.header_bytes), self.bytes_out));
            } else {
                line.push_str(&Self::display_ratio(self.bytes_in - (self.bytes_out - self.header_bytes), self.bytes_in));
            }
            if !self.o.test {
                line.push_str(&format!(" -- {} {}", if self.o.keep { "created" } else { "replaced with" }, self.ofname));
            }
            eprintln!("{}", line);
        }
    }
}

/// (month 0-11, day, hour, minute) of a Unix time, UTC.
fn civil(t: i64) -> (usize, i64, i64, i64) {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    ((m - 1) as usize, d, secs / 3600, (secs % 3600) / 60)
}

const HELP: &str = "Usage: gzip [OPTION]... [FILE]...
Compress or uncompress FILEs (by default, compress FILES in-place).

Mandatory arguments to long options are mandatory for short options too.

  -c, --stdout      write on standard output, keep original files unchanged
  -d, --decompress  decompress
  -f, --force       force overwrite of output file and compress links
  -h, --help        give this help
  -k, --keep        keep (don't delete) input files
  -l, --list        list compressed file contents
  -L, --license     display software license
  -n, --no-name     do not save or restore the original name and timestamp
  -N, --name        save or restore the original name and timestamp
  -q, --quiet       suppress all warnings
  -r, --recursive   operate recursively on directories
      --rsyncable   make rsync-friendly archive
  -S, --suffix=SUF  use suffix SUF on compressed files
      --synchronous synchronous output (safer if system crashes, but slower)
  -t, --test        test compressed file integrity
  -v, --verbose     verbose mode
  -V, --version     display version number
  -1, --fast        compress faster
  -9, --best        compress better

With no FILE, or when FILE is -, read standard input.
";

const VERSION: &str = "gzip 1.12
agentOS's gzip: GNU gzip 1.12's interface over miniz_oxide's deflate.
";

fn try_help() -> ! {
    eprintln!("Try `{} --help' for more information.", PROG);
    std::process::exit(ERROR);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let argv0 = args.first().map(|a| a.rsplit('/').next().unwrap_or(a).to_string()).unwrap_or_default();
    let mut o = Opts {
        to_stdout: false,
        decompress: false,
        force: 0,
        keep: false,
        list: false,
        test: false,
        quiet: false,
        verbose: false,
        recursive: false,
        no_name: -1,
        no_time: -1,
        level: 6,
        suffix: ".gz".into(),
    };
    if argv0.starts_with("un") || argv0.starts_with("gun") {
        o.decompress = true;
    } else if argv0.get(1..) == Some("cat") || argv0 == "gzcat" {
        o.decompress = true;
        o.to_stdout = true;
    }

    const LONG: [(&str, char, bool); 23] = [
        ("ascii", 'a', false),
        ("to-stdout", 'c', false),
        ("stdout", 'c', false),
        ("decompress", 'd', false),
        ("uncompress", 'd', false),
        ("force", 'f', false),
        ("help", 'h', false),
        ("keep", 'k', false),
        ("list", 'l', false),
        ("license", 'L', false),
        ("no-name", 'n', false),
        ("name", 'N', false),
        ("quiet", 'q', false),
        ("silent", 'q', false),
        ("synchronous", 'R', false),
        ("recursive", 'r', false),
        ("suffix", 'S', true),
        ("test", 't', false),
        ("verbose", 'v', false),
        ("version", 'V', false),
        ("fast", '1', false),
        ("best", '9', false),
        ("rsyncable", 'R', false),
    ];
    let mut files: Vec<String> = Vec::new();
    let mut opts: Vec<(char, Option<String>)> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            files.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.find('=') {
                Some(p) => (&long[..p], Some(long[p + 1..].to_string())),
                None => (long, None),
            };
            let exact: Vec<_> = LONG.iter().filter(|l| l.0 == name).collect();
            let matches: Vec<_> = if exact.is_empty() { LONG.iter().filter(|l| l.0.starts_with(name)).collect() } else { exact };
            let distinct: Vec<char> = {
                let mut v: Vec<char> = matches.iter().map(|l| l.1).collect();
                v.dedup();
                v
            };
            if matches.is_empty() {
                eprintln!("{}: unrecognized option '{}'", PROG, a);
                try_help();
            }
            if distinct.len() > 1 {
                let poss: Vec<String> = matches.iter().map(|l| format!("'--{}'", l.0)).collect();
                eprintln!("{}: option '{}' is ambiguous; possibilities: {}", PROG, a, poss.join(" "));
                try_help();
            }
            let (full, c, takes) = *matches[0];
            let v = if takes {
                match value {
                    Some(v) => Some(v),
                    None if i < args.len() => {
                        i += 1;
                        Some(args[i - 1].clone())
                    }
                    None => {
                        eprintln!("{}: option '--{}' requires an argument", PROG, full);
                        try_help();
                    }
                }
            } else {
                if value.is_some() {
                    eprintln!("{}: option '--{}' doesn't allow an argument", PROG, full);
                    try_help();
                }
                None
            };
            opts.push((c, v));
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                match c {
                    'a' | 'c' | 'd' | 'f' | 'h' | 'H' | 'k' | 'l' | 'L' | 'n' | 'N' | 'q' | 'r' | 't' | 'v' | 'V' | '1'..='9' => opts.push((c, None)),
                    'S' => {
                        let rest: String = chars[j..].iter().collect();
                        if !rest.is_empty() {
                            opts.push(('S', Some(rest)));
                        } else if i < args.len() {
                            opts.push(('S', Some(args[i].clone())));
                            i += 1;
                        } else {
                            eprintln!("{}: option requires an argument -- 'S'", PROG);
                            try_help();
                        }
                        j = chars.len();
                    }
                    _ => {
                        eprintln!("{}: invalid option -- '{}'", PROG, c);
                        try_help();
                    }
                }
            }
            continue;
        }
        files.push(a.clone());
    }
    for (c, v) in opts {
        match c {
            'a' | 'R' => {}
            'c' => o.to_stdout = true,
            'd' => o.decompress = true,
            'f' => o.force += 1,
            'h' | 'H' => {
                print!("{}", HELP);
                std::process::exit(OK);
            }
            'k' => o.keep = true,
            'l' => {
                o.list = true;
                o.decompress = true;
                o.to_stdout = true;
            }
            'L' => {
                print!("{}", VERSION);
                std::process::exit(OK);
            }
            'n' => {
                o.no_name = 1;
                o.no_time = 1;
            }
            'N' => {
                o.no_name = 0;
                o.no_time = 0;
            }
            'q' => {
                o.quiet = true;
                o.verbose = false;
            }
            'r' => o.recursive = true,
            'S' => o.suffix = v.unwrap_or_default(),
            't' => {
                o.test = true;
                o.decompress = true;
                o.to_stdout = true;
            }
            'v' => {
                o.verbose = true;
                o.quiet = false;
            }
            'V' => {
                print!("{}", VERSION);
                std::process::exit(OK);
            }
            d @ '1'..='9' => o.level = d as u32 - '0' as u32,
            _ => {}
        }
    }
    if (o.suffix.is_empty() && !o.decompress) || o.suffix.len() > 30 {
        eprintln!("{}: invalid suffix '{}'", PROG, o.suffix);
        std::process::exit(ERROR);
    }
    if o.no_time < 0 {
        o.no_time = o.decompress as i32;
    }
    if o.no_name < 0 {
        o.no_name = o.decompress as i32;
    }
    let mut g = Gzip {
        o,
        exit_code: OK,
        ifname: String::new(),
        ofname: String::new(),
        part_nb: 0,
        header_bytes: 0,
        bytes_in: 0,
        bytes_out: 0,
        total_in: 0,
        total_out: 0,
        first_list: true,
        stamp: None,
        time_stamp: None,
        pwd: std::env::var("PWD").ok().filter(|p| p.starts_with('/')),
        partial: None,
    };
    let file_count = files.len();
    if files.is_empty() {
        g.treat_stdin();
    } else {
        for f in &files {
            g.treat_file(f);
        }
    }
    if g.o.list && !g.o.quiet && file_count > 1 {
        g.list_totals();
    }
    let _ = io::stdout().flush();
    std::process::exit(g.exit_code);
}
