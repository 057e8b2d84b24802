//! Recognising personal data by identifier name (`idCardNo`, `phone_number`, `sfzh`).

use std::sync::Mutex;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GlobalNames {
    /// Patterns that mark an identifier as *about* the data, not the data.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Declared types whose simple name ends like this never hold the data itself
    /// (`EditText phoneEdit`, `boolean phoneVerified`).
    #[serde(default)]
    pub exclude_type_suffixes: Vec<String>,
    #[serde(default)]
    pub exclude_types: Vec<String>,
    /// Field names that say a person's data only of a person (`fullName`): of a class
    /// named for something else that holds no other personal data (a ledger
    /// account's, a currency's), they name that thing.
    #[serde(default)]
    pub person_fields: Vec<String>,
    /// Words of class names that stand for a person (`Customer`, `UserProfile`).
    #[serde(default)]
    pub person_classes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSpec {
    pub category: String,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The data these names stand for is text or too long for a small integer (an
    /// account or card number, a phone number): a variable declared `int`, `short`
    /// or with a fraction (`float phoneVolume`) under such a name is something else
    /// (an index, a count, a setting).
    #[serde(default)]
    pub text_only: bool,
    /// The data these names stand for is a number with a fraction, or text (a
    /// coordinate): a variable declared with any integer type under such a name is
    /// something else (`long lng` is a long value).
    #[serde(default)]
    pub no_integers: bool,
    /// The data these names stand for is no number at all (a recording, a photo, an
    /// address): a variable of a number type under such a name is a count, a length
    /// or an id (`voiceMessageDuration: Int`).
    #[serde(default)]
    pub no_numbers: bool,
    /// These names stand for the data only where the value's type is known, and is
    /// not text: untyped, or a string, the word too often means something else
    /// (`location` of a URL or a file).
    #[serde(default)]
    pub typed: bool,
}

/// A type whose values are personal data of a category, whatever their name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedSpec {
    #[serde(rename = "type")]
    pub ty: String,
    pub category: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MinorNames {
    /// Patterns that mark a value as a child's (minors' data is sensitive, PIPL Art. 28/31).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// What a child's name, age or weight is: a minors' word directly followed by one of
    /// these words names data of the category (`childName`, `kidAge`, `newbornWeight`),
    /// although the bare word (`name`, `age`, `weight`) is no pattern.
    #[serde(default)]
    pub attributes: Vec<MinorAttribute>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinorAttribute {
    pub category: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub category: String,
    /// The name marks a child's data.
    pub minor: bool,
    /// What the patterns that matched need of the value's type.
    needs: Needs,
}

impl NameMatch {
    /// Whether a variable declared with type `ty` under this name can hold the data.
    pub fn fits(&self, ty: Option<&str>) -> bool {
        self.needs.fits(ty)
    }
}

/// What a pattern needs of a value's type to name the data (see [`NameSpec`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Needs {
    /// The data cannot be a small integer nor have a fraction ([`NameSpec::text_only`]).
    text_only: bool,
    /// The data is no integer ([`NameSpec::no_integers`]).
    no_integers: bool,
    /// The data is no number ([`NameSpec::no_numbers`]).
    no_numbers: bool,
    /// The type must be known, and not text ([`NameSpec::typed`]).
    typed: bool,
}

impl Needs {
    fn fits(&self, ty: Option<&str>) -> bool {
        let ty = ty.map(|t| t.trim_end_matches('?'));
        let large_integer = ty.is_some_and(|t| {
            matches!(
                t,
                "long" | "Long" | "i64" | "u64" | "i128" | "u128" | "isize" | "usize"
            )
        });
        let fraction = ty
            .is_some_and(|t| matches!(t, "float" | "double" | "Float" | "Double" | "f32" | "f64"));
        let small_integer = ty.is_some_and(|t| {
            matches!(
                t,
                "int"
                    | "short"
                    | "byte"
                    | "Int"
                    | "Short"
                    | "Byte"
                    | "Integer"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "u8"
                    | "u16"
                    | "u32"
            )
        });
        // Text is no type that says: a `String location` is as often a URL or a
        // header (an MMS content location) as a place.
        let text = ty.is_some_and(|t| {
            matches!(
                t,
                "String" | "java.lang.String" | "CharSequence" | "str" | "&str"
            )
        });
        // Nor does a time, a code or an id (`traceLocationStart: Instant`,
        // `location: LocationCode` of a country).
        let no_place = ty.is_some_and(|t| {
            let simple = t.split('<').next().unwrap_or(t);
            let simple = simple.rsplit('.').next().unwrap_or(simple);
            matches!(
                simple,
                "Instant"
                    | "Date"
                    | "LocalDate"
                    | "LocalDateTime"
                    | "ZonedDateTime"
                    | "OffsetDateTime"
                    | "Duration"
                    | "Calendar"
                    | "long"
                    | "Long"
                    | "int"
                    | "Int"
            ) || simple.ends_with("Code")
                || simple.ends_with("Id")
        });
        let untyped = self.typed && (ty.is_none() || text || no_place);
        !(self.text_only && (small_integer || fraction)
            || self.no_integers && (small_integer || large_integer)
            || self.no_numbers && (small_integer || large_integer || fraction)
            || untyped)
    }

    /// Two patterns of a category matched: the name needs only what both need.
    fn both(self, other: Needs) -> Needs {
        Needs {
            text_only: self.text_only && other.text_only,
            no_integers: self.no_integers && other.no_integers,
            no_numbers: self.no_numbers && other.no_numbers,
            typed: self.typed && other.typed,
        }
    }
}

#[derive(Debug, Default)]
pub struct NameMatcher {
    global_exclude: HashSet<String>,
    exclude_type_suffixes: Vec<String>,
    exclude_types: HashSet<String>,
    /// Joined field names (see [`GlobalNames::person_fields`]).
    person_fields: HashSet<String>,
    person_classes: HashSet<String>,
    /// Joined pattern → (category index, what the pattern needs of the type).
    patterns: HashMap<String, Vec<(usize, Needs)>>,
    categories: Vec<(String, HashSet<String>)>,
    minors: HashSet<String>,
    /// Joined attribute words after a minors' word → category.
    minor_attributes: HashMap<String, String>,
    longest: usize,
    typed: Vec<TypedSpec>,
    /// Identifiers already classified: a program repeats its names many times.
    /// Sharded by the identifier's hash: the analysis asks from several threads.
    cache: [Mutex<HashMap<Box<str>, Option<NameMatch>>>; CACHE_SHARDS],
}

const CACHE_SHARDS: usize = 16;

/// Beyond this many distinct identifiers the cache starts over (a long-running
/// language server sees unbounded names).
const CACHE_LIMIT: usize = 1 << 20;

/// Splits an identifier into lower-case tokens at camelCase, snake_case, kebab-case,
/// dot and digit boundaries (`idCardNo` → `id card no`, `HTTPServer2` → `http server 2`).
pub fn normalise(ident: &str) -> Vec<String> {
    let chars: Vec<char> = ident.chars().collect();
    let mut tokens = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(prev) = (!cur.is_empty()).then(|| chars[i - 1]) {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_alphabetic() && c.is_ascii_digit())
                || (prev.is_ascii_digit() && c.is_alphabetic())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()));
            if boundary {
                tokens.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    tokens
}

/// Name patterns compiled once ("privacy agreed" → `privacyagreed`): an identifier
/// matches when some contiguous run of its tokens, joined, is a pattern's tokens
/// joined (`isPrivacyAgreed` names "privacy agreed").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct NamePatterns {
    joined: HashSet<String>,
    longest: usize,
    /// Finds the joined patterns anywhere in an identifier's letters and digits,
    /// lower-cased (built when first asked): a run of its tokens can be a pattern
    /// only where the pattern is found there, which most identifiers are not.
    prefilter: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
}

impl From<Vec<String>> for NamePatterns {
    fn from(patterns: Vec<String>) -> NamePatterns {
        let mut p = NamePatterns::default();
        p.add(patterns.iter().map(String::as_str));
        p
    }
}

impl NamePatterns {
    pub fn add<'a>(&mut self, patterns: impl IntoIterator<Item = &'a str>) {
        for p in patterns {
            let j = joined(p);
            self.longest = self.longest.max(j.len());
            self.joined.insert(j);
        }
        self.prefilter = std::sync::OnceLock::new();
    }

    pub fn extend(&mut self, other: NamePatterns) {
        self.longest = self.longest.max(other.longest);
        self.joined.extend(other.joined);
        self.prefilter = std::sync::OnceLock::new();
    }

    pub fn matches(&self, ident: &str) -> bool {
        if self.joined.is_empty() {
            return false;
        }
        let prefilter = self
            .prefilter
            .get_or_init(|| aho_corasick::AhoCorasick::new(&self.joined).ok());
        if let Some(found) = prefilter {
            // What `normalise` joins back together: its tokens' characters, in order.
            let letters: String = ident
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if !found.is_match(&letters) {
                return false;
            }
        }
        any_run_in(&normalise(ident), &self.joined, self.longest)
    }
}

fn joined(pattern: &str) -> String {
    normalise(pattern).concat()
}

/// Whether some contiguous run of `tokens`, joined, is in `set`.
fn any_run_in(tokens: &[String], set: &HashSet<String>, longest: usize) -> bool {
    runs(tokens, longest).any(|r| set.contains(&r))
}

fn runs(tokens: &[String], longest: usize) -> impl Iterator<Item = String> + '_ {
    (0..tokens.len()).flat_map(move |i| {
        let mut acc = String::new();
        tokens[i..].iter().map_while(move |t| {
            acc.push_str(t);
            (acc.len() <= longest).then(|| acc.clone())
        })
    })
}

impl NameMatcher {
    pub fn extend(
        &mut self,
        global: Option<GlobalNames>,
        specs: Vec<NameSpec>,
        minors: Option<MinorNames>,
    ) {
        if let Some(g) = global {
            self.global_exclude
                .extend(g.exclude.iter().map(|p| joined(p)));
            self.exclude_type_suffixes.extend(g.exclude_type_suffixes);
            self.exclude_types.extend(g.exclude_types);
            self.person_fields
                .extend(g.person_fields.iter().map(|p| joined(p)));
            self.person_classes
                .extend(g.person_classes.iter().map(|p| joined(p)));
        }
        if let Some(m) = minors {
            self.minors.extend(m.patterns.iter().map(|p| joined(p)));
            for a in m.attributes {
                for w in &a.words {
                    self.minor_attributes.insert(joined(w), a.category.clone());
                }
            }
        }
        for spec in specs {
            let idx = match self
                .categories
                .iter()
                .position(|(c, _)| *c == spec.category)
            {
                Some(i) => i,
                None => {
                    self.categories
                        .push((spec.category.clone(), HashSet::default()));
                    self.categories.len() - 1
                }
            };
            self.categories[idx]
                .1
                .extend(spec.exclude.iter().map(|p| joined(p)));
            for p in &spec.patterns {
                let j = joined(p);
                let entry = self.patterns.entry(j).or_default();
                let needs = Needs {
                    text_only: spec.text_only,
                    no_integers: spec.no_integers,
                    no_numbers: spec.no_numbers,
                    typed: spec.typed,
                };
                match entry.iter_mut().find(|(c, _)| *c == idx) {
                    // Listed twice, needing only what both need.
                    Some((_, n)) => *n = n.both(needs),
                    None => entry.push((idx, needs)),
                }
            }
        }
        let longest_of = |s: &HashSet<String>| s.iter().map(String::len).max().unwrap_or(0);
        self.longest = self
            .patterns
            .keys()
            .map(String::len)
            .chain([longest_of(&self.global_exclude), longest_of(&self.minors)])
            .chain(self.minor_attributes.keys().map(String::len))
            .chain(self.categories.iter().map(|(_, e)| longest_of(e)))
            .max()
            .unwrap_or(0);
    }

    /// The category an identifier names, if any. The first matching category wins;
    /// exclusions veto.
    pub fn classify(&self, ident: &str) -> Option<NameMatch> {
        // A poisoned lock only means another thread panicked mid-insert: the map is
        // still a valid cache.
        use std::hash::BuildHasher;
        let shard = rustc_hash::FxBuildHasher.hash_one(ident) as usize % CACHE_SHARDS;
        let lock = || self.cache[shard].lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock().get(ident) {
            return hit.clone();
        }
        let found = self.classify_uncached(ident);
        let mut cache = lock();
        if cache.len() >= CACHE_LIMIT / CACHE_SHARDS {
            cache.clear();
        }
        cache.insert(ident.into(), found.clone());
        found
    }

    fn classify_uncached(&self, ident: &str) -> Option<NameMatch> {
        let tokens = normalise(ident);
        self.classify_tokens(&tokens).or_else(|| {
            // A plural head noun names a collection of the data (`recipientEmails`,
            // `phones`); a plural elsewhere does not (`emailsSent` is a count).
            let last = tokens.last()?;
            let singular = last
                .strip_suffix('s')
                .filter(|s| s.len() >= 4 && !s.ends_with('s'))?;
            let mut tokens = tokens.clone();
            let n = tokens.len();
            tokens[n - 1] = singular.to_string();
            self.classify_tokens(&tokens)
        })
    }

    fn classify_tokens(&self, tokens: &[String]) -> Option<NameMatch> {
        if tokens.is_empty() || any_run_in(tokens, &self.global_exclude, self.longest) {
            return None;
        }
        // The first category, and what every pattern of it that matched needs.
        let mut found: Option<(usize, Needs)> = None;
        for run in runs(tokens, self.longest) {
            if let Some(cats) = self.patterns.get(&run) {
                for &(c, needs) in cats {
                    if any_run_in(tokens, &self.categories[c].1, self.longest) {
                        continue;
                    }
                    found = Some(match found {
                        Some((f, n)) if f < c => (f, n),
                        Some((f, n)) if f == c => (f, n.both(needs)),
                        _ => (c, needs),
                    });
                }
            }
        }
        match found {
            Some((c, needs)) => Some(NameMatch {
                category: self.categories[c].0.clone(),
                minor: any_run_in(tokens, &self.minors, self.longest),
                needs,
            }),
            None => self.minor_attribute(tokens),
        }
    }

    /// A child's name, age or weight (`childName`, `kid_age`): a minors' word run
    /// directly followed by an attribute word run.
    fn minor_attribute(&self, tokens: &[String]) -> Option<NameMatch> {
        if self.minor_attributes.is_empty() {
            return None;
        }
        for i in 0..tokens.len() {
            let mut who = String::new();
            for j in i..tokens.len() {
                who.push_str(&tokens[j]);
                if who.len() > self.longest {
                    break;
                }
                if !self.minors.contains(&who) {
                    continue;
                }
                let mut what = String::new();
                for t in &tokens[j + 1..] {
                    what.push_str(t);
                    if what.len() > self.longest {
                        break;
                    }
                    if let Some(category) = self.minor_attributes.get(&what) {
                        return Some(NameMatch {
                            category: category.clone(),
                            minor: true,
                            needs: Needs::default(),
                        });
                    }
                }
            }
        }
        None
    }

    /// The categories minors' attribute words name, to check them against the
    /// knowledge base.
    pub fn minor_attribute_categories(&self) -> impl Iterator<Item = &str> {
        self.minor_attributes.values().map(String::as_str)
    }

    pub fn extend_typed(&mut self, typed: Vec<TypedSpec>) {
        self.typed.extend(typed);
    }

    /// The category every value of a declared type is (`Location`, `Account`).
    pub fn category_of_type(&self, ty: &str) -> Option<&str> {
        self.typed
            .iter()
            .find(|t| crate::knowledge::type_names_match(ty, &t.ty))
            .map(|t| t.category.as_str())
    }

    /// Whether a field so named is personal data only of a person (see
    /// [`GlobalNames::person_fields`]); a one-letter prefix (`mFullName`) aside.
    pub fn needs_person(&self, field: &str) -> bool {
        let tokens = normalise(field);
        let rest = match tokens.first() {
            Some(t) if t.len() == 1 && tokens.len() > 1 => &tokens[1..],
            _ => &tokens[..],
        };
        self.person_fields.contains(&rest.concat())
    }

    /// Whether a class's simple name stands for a person (`Customer`, `UserInfo`).
    pub fn names_person(&self, class: &str) -> bool {
        normalise(class)
            .iter()
            .any(|t| self.person_classes.contains(t))
    }

    /// Whether a value of this declared type can hold personal data named by its variable.
    pub fn type_can_hold_data(&self, ty: Option<&str>) -> bool {
        let Some(ty) = ty else { return true };
        let simple = ty.rsplit('.').next().unwrap_or(ty);
        if self.exclude_types.contains(simple) {
            return false;
        }
        !self
            .exclude_type_suffixes
            .iter()
            .any(|s| simple.ends_with(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_patterns_match_runs_of_whole_tokens() {
        let mut p = NamePatterns::from(vec!["privacy agreed".to_string(), "tongyi yinsi".into()]);
        for yes in [
            "isPrivacyAgreed",
            "KEY_PRIVACY_AGREED",
            "privacy-agreed",
            "TongyiYinsi",
        ] {
            assert!(p.matches(yes), "{yes}");
        }
        // The letters are there, but not as whole tokens; or not there at all.
        for no in [
            "privacyAgreedx",
            "noPrivacyAgreement",
            "xprivacyAgreed",
            "privacyPolicy",
        ] {
            assert!(!p.matches(no), "{no}");
        }
        // Patterns added after a first match are found too.
        p.extend(NamePatterns::from(vec!["privacy policy".to_string()]));
        assert!(p.matches("privacyPolicy"));
    }

    #[test]
    fn normalise_splits_identifier_styles() {
        assert_eq!(normalise("idCardNo"), ["id", "card", "no"]);
        assert_eq!(normalise("PHONE_NUMBER"), ["phone", "number"]);
        assert_eq!(normalise("HTTPServer2"), ["http", "server", "2"]);
        assert_eq!(normalise("et_phone"), ["et", "phone"]);
        assert_eq!(normalise("mUserSfzh"), ["m", "user", "sfzh"]);
    }
}
