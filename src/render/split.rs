//! privreg's own chapter on every core: its sections rendered a block at a time on
//! `PRIVREG_JOBS` threads and written in order, the bytes of one render.
//!
//! Why the bytes are the same: the shipped `chapter.md` (and `de/chapter.md`) is a head
//! that does not read `sections`, then one loop over them that ends the template, whose
//! body reads nothing the head sets but the macros it imports, and not `loop`; the shipped
//! `section.md` and `section-macros.md` keep nothing from one section to the next. So the
//! chapter is the head rendered over no sections, then the loop rendered over each block
//! of sections in turn, the macros imported again for each block. A project's own version
//! of any of the three (other than a byte-identical copy) is rendered whole, on one thread:
//! privreg cannot know what it keeps between sections.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use minijinja::Environment;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};

use super::env::{self, Capped};
use super::{Fields, LazySections};

/// Sections one render of the loop takes: enough that importing the macros again is a
/// small part of it, few enough that the blocks waiting to be written stay small.
const BLOCK: usize = 16;

/// Blocks per thread that may be rendered and waiting to be written, at most.
const BLOCKS_PER_THREAD: usize = 8;

/// The name of the loop's own template, in the environment's copy.
const LOOP_TEMPLATE: &str = "privreg:chapter-loop";

/// Where the shipped chapter's loop over the sections starts.
const LOOP: &str = "{% for section in sections %}";

/// A chapter render split into its head and its blocks of sections.
pub(super) struct Plan<'source> {
    /// The environment, unmetered (as privreg's own templates are), with the loop's template.
    env: Environment<'source>,
    /// The chapter template.
    name: String,
    /// The context's fields, `sections` among them.
    fields: Arc<Fields>,
    /// The chapter's sections.
    sections: Arc<LazySections>,
    jobs: usize,
}

impl<'source> Plan<'source> {
    /// The plan for template `name` of `env` over `ctx`, if `name` is privreg's own chapter
    /// with its own section templates (see the module), `ctx` a chapter's context, and
    /// there are threads and sections enough to share out; else `None`.
    pub(super) fn new(env: &Environment<'source>, name: &str, ctx: &Value) -> Option<Self> {
        let jobs = crate::parallel::jobs_from_env_or_default();
        Self::with_jobs(env, name, ctx, jobs)
    }

    /// [`Plan::new`] for `jobs` threads.
    pub(super) fn with_jobs(
        env: &Environment<'source>,
        name: &str,
        ctx: &Value,
        jobs: usize,
    ) -> Option<Self> {
        let dir = name.strip_suffix("chapter.md")?;
        if !(dir.is_empty() || dir.ends_with('/'))
            || !["chapter.md", "section.md", "section-macros.md"]
                .iter()
                .all(|t| env::is_own(env, &format!("{dir}{t}")))
        {
            return None;
        }
        let fields = ctx.downcast_object::<Fields>()?;
        let sections = fields
            .0
            .iter()
            .find(|(n, _)| n == "sections")?
            .1
            .downcast_object::<LazySections>()?;
        if jobs < 2 || sections.len() < 2 * BLOCK {
            return None;
        }
        let source = env.get_template(name).ok()?.source().to_owned();
        let at = source.find(LOOP)?;
        let import = source.lines().find(|l| l.starts_with("{% from "))?;
        if source[..at].contains("sections") {
            return None;
        }
        let mut env = env.clone();
        env.set_fuel(None);
        env.add_template_owned(LOOP_TEMPLATE, format!("{import}\n{}", &source[at..]))
            .ok()?;
        Some(Plan {
            env,
            name: name.to_owned(),
            fields,
            sections,
            jobs,
        })
    }

    /// Renders the chapter into `out`: the head, then the blocks, rendered on the threads
    /// and written in order by this one as they are done.
    pub(super) fn render(&self, out: &mut Capped<'_>) -> Result<(), minijinja::Error> {
        let none = Value::from(Vec::<Value>::new());
        let head = self.env.get_template(&self.name)?;
        head.render_captured_to(self.context(none), &mut *out)?;
        let body = self.env.get_template(LOOP_TEMPLATE)?;
        let len = self.sections.len();
        let blocks: Vec<Range<usize>> = (0..len)
            .step_by(BLOCK)
            .map(|start| start..(start + BLOCK).min(len))
            .collect();
        // No block may take more than the whole render still may.
        let room = AtomicUsize::new(out.room());
        let render = |range: &Range<usize>| {
            let mut held = Held {
                bytes: Vec::new(),
                room: room.load(Ordering::Relaxed),
                over: false,
            };
            let block = Value::from_object(Block {
                sections: Arc::clone(&self.sections),
                range: range.clone(),
            });
            let rendered = body.render_captured_to(self.context(block), &mut held);
            (rendered.map(drop), held)
        };
        let ahead = self.jobs * BLOCKS_PER_THREAD;
        crate::parallel::stream(self.jobs, &blocks, ahead, render, |(rendered, held)| {
            if let Err(e) = rendered {
                out.over |= held.over;
                return Err(e);
            }
            std::io::Write::write_all(out, &held.bytes).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "").with_source(e)
            })?;
            room.store(out.room(), Ordering::Relaxed);
            Ok(())
        })
    }

    /// The chapter's context with `sections` in place of its sections.
    fn context(&self, sections: Value) -> Value {
        let fields = self
            .fields
            .0
            .iter()
            .map(|(name, value)| {
                let value = if name == "sections" {
                    sections.clone()
                } else {
                    value.clone()
                };
                (name.clone(), value)
            })
            .collect();
        Value::from_object(Fields(fields))
    }
}

/// Sections `range` of the chapter's, a sequence to templates.
#[derive(Debug)]
struct Block {
    sections: Arc<LazySections>,
    range: Range<usize>,
}

impl Object for Block {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        if i >= self.range.len() {
            return None;
        }
        self.sections.get_value(&Value::from(self.range.start + i))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.range.len())
    }
}

/// A block's output, refused past `room` bytes.
struct Held {
    bytes: Vec<u8>,
    room: usize,
    over: bool,
}

impl std::io::Write for Held {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + bytes.len() > self.room {
            self.over = true;
            return Err(std::io::Error::other("output limit reached"));
        }
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{View, chapter_context, env, environment, lang, tests::sections};
    use super::{BLOCK, Plan};

    #[test]
    fn a_chapter_rendered_a_block_at_a_time_is_the_chapter_rendered_whole() {
        // Sections that fill whole blocks and not, more blocks than may wait and fewer; in
        // both languages, so in both template sets.
        for n in [2 * BLOCK, 2 * BLOCK + 1, 300] {
            let (_dir, project) = sections(n, &[]);
            let env = environment(&project, env::Limits::for_sections(n)).unwrap();
            for lang in [&lang::LANGS[0], lang::lookup("de").unwrap()] {
                let name = super::super::template_in("chapter.md", lang.code);
                let mut view = View::new(&project, lang);
                let ctx = chapter_context(&mut view);
                for jobs in [2, 3] {
                    let limits = env::Limits::for_sections(n);
                    let (whole, split) = env::whole_and_split(&env, &name, &ctx, jobs, limits);
                    let (whole, split) = (whole.unwrap(), split.expect("split").unwrap());
                    assert!(whole.contains(&format!(" {}\n", n - 1)), "{whole}");
                    assert!(split == whole, "{name}, {n} sections, {jobs} threads");
                    // Over the output limit in the head, in the first blocks, in later
                    // one: the same error as whole.
                    for cap in [100, whole.len() / 3, whole.len() - 1] {
                        let limits = env::Limits {
                            output: cap,
                            ..limits
                        };
                        let (whole, split) = env::whole_and_split(&env, &name, &ctx, jobs, limits);
                        let (whole, split) =
                            (whole.unwrap_err(), split.expect("split").unwrap_err());
                        assert_eq!(split.to_string(), whole.to_string(), "{cap}");
                        assert!(whole.to_string().contains("over the limit"), "{whole}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_chapter_of_a_projects_own_templates_or_of_few_sections_is_rendered_whole() {
        let n = 3 * BLOCK;
        let own = |name: &str| env::EMBEDDED.iter().find(|(t, _)| *t == name).unwrap().1;
        let changed = format!("{}\n", own("section.md"));
        let changed_macros = format!("{}\n", own("section-macros.md"));
        let cases: [(&[(&str, &str)], bool); 4] = [
            // A copy of privreg's own templates is theirs.
            (&[("templates/section.md", own("section.md"))], true),
            (&[("templates/section.md", &changed)], false),
            (&[("templates/section-macros.md", &changed_macros)], false),
            (
                &[(
                    "templates/chapter.md",
                    "{% for section in sections %}{{ section.title }}{% endfor %}",
                )],
                false,
            ),
        ];
        for (templates, split) in cases {
            let (_dir, project) = sections(n, templates);
            let env = environment(&project, env::Limits::for_sections(n)).unwrap();
            let ctx = chapter_context(&mut View::new(&project, &lang::LANGS[0]));
            let plan = Plan::with_jobs(&env, "chapter.md", &ctx, 2);
            assert_eq!(plan.is_some(), split, "{templates:?}");
            // One thread, or too few sections to share: whole.
            assert!(Plan::with_jobs(&env, "chapter.md", &ctx, 1).is_none());
        }
        let (_dir, project) = sections(2 * BLOCK - 1, &[]);
        let env = environment(&project, env::Limits::for_sections(n)).unwrap();
        let ctx = chapter_context(&mut View::new(&project, &lang::LANGS[0]));
        assert!(Plan::with_jobs(&env, "chapter.md", &ctx, 2).is_none());
    }
}
