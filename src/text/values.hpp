// Recognises the kinds of values a customer gives in a turn (an email address, a phone number,
// an id-like code, a date), from the raw text, without allocation. bot-reask uses it to know
// that a detail was given; pii-exposure will use it to know what to redact.
#pragma once

#include <cstdint>
#include <string_view>

namespace audit {

enum ValueKind : std::uint8_t {
  kValueEmail = 1 << 0,
  kValuePhone = 1 << 1,       // 9+ digits in one run (spaces, dashes, dots, brackets, + allowed)
  kValueId = 1 << 2,          // a code with 4+ digits: order, account, booking, postcode numbers
  kValueDate = 1 << 3,        // 12/03/1985, 1985-03-12, 12.03.85, "12 March 1985", "March 12"
  kValuePostcode = 1 << 4,    // UK-style "SW1A 1AA" or a 4-5 digit number
  kValueCard = 1 << 5,        // a payment card number: 13-19 digits that pass the Luhn check
  kValueNationalId = 1 << 6,  // a US social security number (123-45-6789), a UK NI number
  kValueCardShaped = 1 << 7,  // grouped like a card (4-4-4-4, 4-6-5) but failing the Luhn check
};

std::uint8_t find_values(std::string_view text);

}  // namespace audit
