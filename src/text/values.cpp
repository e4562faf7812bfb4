#include "text/values.hpp"

#include <cstddef>

namespace audit {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

bool email_at(std::string_view t, std::size_t at) {
  // local part before '@', a domain with a dot after it
  if (at == 0 || !(is_alnum(t[at - 1]) || t[at - 1] == '.' || t[at - 1] == '_' ||
                   t[at - 1] == '-' || t[at - 1] == '+'))
    return false;
  std::size_t i = at + 1;
  bool dot = false;
  std::size_t labels = 0;
  while (i < t.size() && (is_alnum(t[i]) || t[i] == '-' || t[i] == '.')) {
    if (t[i] == '.' && i + 1 < t.size() && is_alpha(t[i + 1])) dot = true;
    ++labels;
    ++i;
  }
  return dot && labels >= 3;
}

bool month_word(std::string_view t, std::size_t i) {
  static constexpr std::string_view kMonths[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",  "dec",
      "ene", "abr", "ago", "dic", "mär", "mai", "okt", "dez", "fév", "avr", "juil", "déc"};
  if (i > 0 && is_alpha(t[i - 1])) return false;
  for (std::string_view m : kMonths) {
    if (i + m.size() > t.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < m.size() && same; ++k)
      same = lower(t[i + k]) == m[k];
    if (same) return true;
  }
  return false;
}

// A UK postcode at `i`: 1-2 letters, a digit, an optional letter or digit, a space, a digit and
// two letters ("SW1A 1AA", "M1 1AE", "W1 2AB"), standing as its own word.
bool uk_postcode_at(std::string_view t, std::size_t i) {
  if (i > 0 && is_alnum(t[i - 1])) return false;
  std::size_t k = i, letters = 0;
  while (k < t.size() && is_alpha(t[k]) && letters < 3) {
    ++k;
    ++letters;
  }
  if (letters < 1 || letters > 2 || k >= t.size() || !is_digit(t[k])) return false;
  ++k;
  if (k < t.size() && is_alnum(t[k])) ++k;
  if (k + 4 > t.size() || t[k] != ' ' || !is_digit(t[k + 1]) || !is_alpha(t[k + 2]) ||
      !is_alpha(t[k + 3]))
    return false;
  return k + 4 == t.size() || !is_alnum(t[k + 4]);
}

// Luhn's checksum over the digits of t[begin, end) (separators skipped).
bool luhn_valid(std::string_view t, std::size_t begin, std::size_t end) {
  int sum = 0, count = 0;
  for (std::size_t k = end; k > begin; --k) {
    const char c = t[k - 1];
    if (!is_digit(c)) continue;
    int d = c - '0';
    if (count % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    ++count;
  }
  return count >= 13 && count <= 19 && sum % 10 == 0;
}

// "123-45-6789" as its own word.
bool ssn_at(std::string_view t, std::size_t i) {
  if (i > 0 && is_alnum(t[i - 1])) return false;
  if (i + 11 > t.size()) return false;
  for (std::size_t k = 0; k < 11; ++k) {
    const char c = t[i + k];
    if ((k == 3 || k == 6) ? c != '-' : !is_digit(c)) return false;
  }
  return i + 11 == t.size() || !is_alnum(t[i + 11]);
}

// A UK National Insurance number: "QQ 12 34 56 C" or "QQ123456C".
bool ni_at(std::string_view t, std::size_t i) {
  if (i > 0 && is_alnum(t[i - 1])) return false;
  std::size_t k = i;
  auto letter = [&] { return k < t.size() && is_alpha(t[k]) && (++k, true); };
  auto space = [&] {
    if (k < t.size() && t[k] == ' ') ++k;
  };
  if (!letter() || !letter()) return false;
  for (int pair = 0; pair < 3; ++pair) {
    space();
    if (k + 2 > t.size() || !is_digit(t[k]) || !is_digit(t[k + 1])) return false;
    k += 2;
  }
  space();
  if (k >= t.size() || !(t[k] >= 'A' && t[k] <= 'D')) return false;
  ++k;
  return k == t.size() || !is_alnum(t[k]);
}

}  // namespace

std::uint8_t find_values(std::string_view t) {
  std::uint8_t found = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    char c = t[i];
    if (is_alpha(c)) {
      // Postcodes and NI numbers start a word; the rest of the letters of the word start nothing
      // (a digit inside a word is looked at below, as the loop reaches it).
      if (uk_postcode_at(t, i)) found |= kValuePostcode;
      if (ni_at(t, i)) found |= kValueNationalId;
      do {
        ++i;
      } while (i < t.size() && is_alpha(t[i]));
      continue;
    }
    if (is_digit(c) && ssn_at(t, i)) found |= kValueNationalId;
    if (c == '@' && email_at(t, i)) {
      found |= kValueEmail;
      ++i;
      continue;
    }
    if (is_digit(c) || (c == '+' && i + 1 < t.size() && is_digit(t[i + 1]))) {
      // A run of digits with phone-style separators.
      std::size_t start = i, digits = 0, groups = 0, date_seps = 0;
      std::size_t group_len[4] = {0, 0, 0, 0};  // the first four groups' lengths
      bool card_separators = true;              // only spaces and dashes between groups
      bool prev_digit = false;
      std::size_t j = i;
      for (; j < t.size(); ++j) {
        char d = t[j];
        if (is_digit(d)) {
          ++digits;
          if (!prev_digit) ++groups;
          if (groups <= 4) ++group_len[groups - 1];
          prev_digit = true;
        } else if ((d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || d == '/' ||
                    (d == '+' && j == start)) &&
                   j + 1 < t.size() && (is_digit(t[j + 1]) || t[j + 1] == '(' || t[j + 1] == ' ')) {
          if (d == '/' || d == '.' || d == '-') ++date_seps;
          if (d != ' ' && d != '-') card_separators = false;
          prev_digit = false;
        } else {
          break;
        }
      }
      if (digits >= 9) found |= kValuePhone;
      // A card number: 13-19 digits passing Luhn's check. Written the way cards print them
      // (4-4-4-4, or 4-6-5 for American Express) but failing the check, it is only card-shaped:
      // a reference number looks the same, so pii-exposure also wants the word "card" nearby.
      const bool printed_like_card =
          card_separators &&
          ((groups == 4 && group_len[0] == 4 && group_len[1] == 4 && group_len[2] == 4 &&
            group_len[3] == 4) ||
           (groups == 3 && group_len[0] == 4 && group_len[1] == 6 && group_len[2] == 5));
      if (digits >= 13 && luhn_valid(t, start, j))
        found |= kValueCard;
      else if (printed_like_card)
        found |= kValueCardShaped;
      if (groups >= 2 && groups <= 3 && date_seps >= 1 && digits >= 4 && digits <= 8) {
        found |= kValueDate;
      } else if (digits >= 4) {
        found |= kValueId;
        if (digits <= 5 && groups == 1) found |= kValuePostcode;
      } else if (digits >= 1 && digits <= 2) {
        // "12 March", "March 12"
        std::size_t k = j;
        while (k < t.size() && (t[k] == ' ' || t[k] == '.' || t[k] == ','))
          ++k;
        std::size_t b = start;
        while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == ','))
          --b;
        std::size_t w = b;
        while (w > 0 && is_alpha(t[w - 1]))
          --w;
        if ((k < t.size() && month_word(t, k)) || (w < b && month_word(t, w))) found |= kValueDate;
      }
      i = j > i ? j : i + 1;
      continue;
    }
    ++i;
  }
  return found;
}

}  // namespace audit
