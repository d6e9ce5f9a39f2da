"""Checks a transcript on the centre's public page in a real browser (Chromium through
Selenium, with Debian's chromedriver: nothing is fetched from the network).

    python3 verify_transcript.py URL NUMBER CAFE SCREENSHOT

Opens URL/verifikasi, types NUMBER (and CAFE, unless it is "-") into the form, submits it as a
person would, and prints one JSON object: the address the browser ended at, the verdict the
page shows (its data-verdict), its heading and the page's text. The screenshot is the whole
page, for docs/images and for a person to look at.
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    # Root in CI: Chromium's sandbox needs an unprivileged user.
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,1300"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    url, number, cafe, screenshot = sys.argv[1:5]
    driver = browser()
    try:
        driver.get(url + "/verifikasi")
        driver.find_element(By.NAME, "nomor").send_keys(number)
        if cafe != "-":
            driver.find_element(By.NAME, "kafe").send_keys(cafe)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        verdict = WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "section.verdict")))
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1000, max(700, min(height + 40, 4000)))
        driver.save_screenshot(screenshot)
        print(json.dumps({
            "address": driver.current_url,
            "verdict": verdict.get_attribute("data-verdict"),
            "heading": verdict.find_element(By.TAG_NAME, "h2").text,
            "text": driver.find_element(By.TAG_NAME, "body").text,
        }))
    finally:
        driver.quit()


main()
